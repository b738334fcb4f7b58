// CZstd has no code of its own: include/czstd.h declares libzstd's functions, linked from libzstd.so.1.
#include "czstd.h"
