// The part of libzstd's stable API (zstd.h, v1.4.0 and later) that Baktainer uses, declared here so that the
// build needs only the runtime library every Debian system has (libzstd1: libzstd.so.1), not libzstd-dev's
// header. Names, types and values are zstd.h's own; they are part of libzstd's stable ABI.
#ifndef CZSTD_H
#define CZSTD_H

#include <stddef.h>

typedef struct ZSTD_CCtx_s ZSTD_CCtx;
typedef struct ZSTD_DCtx_s ZSTD_DCtx;

typedef struct ZSTD_inBuffer_s {
    const void *src;  // start of the input buffer
    size_t size;      // size of the input buffer
    size_t pos;       // position where reading stopped; updated by libzstd, 0 <= pos <= size
} ZSTD_inBuffer;

typedef struct ZSTD_outBuffer_s {
    void *dst;    // start of the output buffer
    size_t size;  // size of the output buffer
    size_t pos;   // position where writing stopped; updated by libzstd, 0 <= pos <= size
} ZSTD_outBuffer;

typedef enum {
    ZSTD_c_compressionLevel = 100,
    ZSTD_c_checksumFlag = 201,
} ZSTD_cParameter;

typedef enum {
    ZSTD_e_continue = 0,
    ZSTD_e_flush = 1,
    ZSTD_e_end = 2,
} ZSTD_EndDirective;

unsigned ZSTD_versionNumber(void);
unsigned ZSTD_isError(size_t code);
const char *ZSTD_getErrorName(size_t code);

ZSTD_CCtx *ZSTD_createCCtx(void);
size_t ZSTD_freeCCtx(ZSTD_CCtx *cctx);
size_t ZSTD_CCtx_setParameter(ZSTD_CCtx *cctx, ZSTD_cParameter param, int value);
size_t ZSTD_compressStream2(ZSTD_CCtx *cctx, ZSTD_outBuffer *output, ZSTD_inBuffer *input, ZSTD_EndDirective endOp);

ZSTD_DCtx *ZSTD_createDCtx(void);
size_t ZSTD_freeDCtx(ZSTD_DCtx *dctx);
size_t ZSTD_decompressStream(ZSTD_DCtx *zds, ZSTD_outBuffer *output, ZSTD_inBuffer *input);

#endif
