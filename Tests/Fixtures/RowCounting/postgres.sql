--
-- PostgreSQL database dump
--

\restrict XRZIWQtHFc9CcDm7LexXPZdd8Lsb3E2MU6lnVyOrMbNwdbnDVigRKsDihza0yN6

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

ALTER TABLE IF EXISTS ONLY public.items DROP CONSTRAINT IF EXISTS items_pkey;
DROP TABLE IF EXISTS public."Ünïcödé tàble";
DROP VIEW IF EXISTS public.v;
DROP TABLE IF EXISTS public.unl;
DROP TABLE IF EXISTS public."select";
DROP TABLE IF EXISTS public.nocols;
DROP TABLE IF EXISTS public."new
line";
DROP MATERIALIZED VIEW IF EXISTS public.mv;
DROP TABLE IF EXISTS public.meas_2025_b;
DROP TABLE IF EXISTS public.meas_2025_a;
DROP TABLE IF EXISTS public.meas_2025;
DROP TABLE IF EXISTS public.meas_2024;
DROP TABLE IF EXISTS public.meas;
DROP TABLE IF EXISTS public.items;
DROP TABLE IF EXISTS public.empty_parted;
DROP TABLE IF EXISTS public.empty_one;
DROP TABLE IF EXISTS public."a.b";
DROP TABLE IF EXISTS public."Capital ""Cities""";
DROP TABLE IF EXISTS public.capitals;
DROP TABLE IF EXISTS public.cities;
DROP TABLE IF EXISTS "My Schema"."Odd ""Name""";
DROP FUNCTION IF EXISTS public.f();
DROP SCHEMA IF EXISTS "My Schema";
--
-- Name: My Schema; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA "My Schema";


ALTER SCHEMA "My Schema" OWNER TO app;

--
-- Name: f(); Type: FUNCTION; Schema: public; Owner: app
--

CREATE FUNCTION public.f() RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
CREATE TABLE public.fake (x int);
end $$;


ALTER FUNCTION public.f() OWNER TO app;

--
-- Name: FUNCTION f(); Type: COMMENT; Schema: public; Owner: app
--

COMMENT ON FUNCTION public.f() IS '-- Data for Name: items; Type: TABLE DATA; Schema: public; Owner: app
COPY public.items (id) FROM stdin;';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Odd "Name"; Type: TABLE; Schema: My Schema; Owner: app
--

CREATE TABLE "My Schema"."Odd ""Name""" (
    v text,
    b bytea
);


ALTER TABLE "My Schema"."Odd ""Name""" OWNER TO app;

--
-- Name: cities; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.cities (
    name text,
    population integer
);


ALTER TABLE public.cities OWNER TO app;

--
-- Name: capitals; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.capitals (
    state character(2)
)
INHERITS (public.cities);


ALTER TABLE public.capitals OWNER TO app;

--
-- Name: Capital "Cities"; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public."Capital ""Cities""" (
    motto text
)
INHERITS (public.capitals, public.cities);


ALTER TABLE public."Capital ""Cities""" OWNER TO app;

--
-- Name: a.b; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public."a.b" (
    "c.d" integer
);


ALTER TABLE public."a.b" OWNER TO app;

--
-- Name: empty_one; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.empty_one (
    x integer
);


ALTER TABLE public.empty_one OWNER TO app;

--
-- Name: empty_parted; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.empty_parted (
    id integer
)
PARTITION BY RANGE (id);


ALTER TABLE public.empty_parted OWNER TO app;

--
-- Name: items; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.items (
    id integer NOT NULL,
    name text
);


ALTER TABLE public.items OWNER TO app;

--
-- Name: meas; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.meas (
    id integer,
    at date,
    v text
)
PARTITION BY RANGE (at);


ALTER TABLE public.meas OWNER TO app;

--
-- Name: meas_2024; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.meas_2024 (
    id integer,
    at date,
    v text
);


ALTER TABLE public.meas_2024 OWNER TO app;

--
-- Name: meas_2025; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.meas_2025 (
    id integer,
    at date,
    v text
)
PARTITION BY LIST (id);


ALTER TABLE public.meas_2025 OWNER TO app;

--
-- Name: meas_2025_a; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.meas_2025_a (
    id integer,
    at date,
    v text
);


ALTER TABLE public.meas_2025_a OWNER TO app;

--
-- Name: meas_2025_b; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.meas_2025_b (
    id integer,
    at date,
    v text
);


ALTER TABLE public.meas_2025_b OWNER TO app;

--
-- Name: mv; Type: MATERIALIZED VIEW; Schema: public; Owner: app
--

CREATE MATERIALIZED VIEW public.mv AS
 SELECT items.id,
    items.name
   FROM public.items
  WITH NO DATA;


ALTER TABLE public.mv OWNER TO app;

--
-- Name: new line; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public."new
line" (
    x integer
);


ALTER TABLE public."new
line" OWNER TO app;

--
-- Name: nocols; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.nocols (
);


ALTER TABLE public.nocols OWNER TO app;

--
-- Name: select; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public."select" (
    x text
);


ALTER TABLE public."select" OWNER TO app;

--
-- Name: unl; Type: TABLE; Schema: public; Owner: app
--

CREATE UNLOGGED TABLE public.unl (
    x integer
);


ALTER TABLE public.unl OWNER TO app;

--
-- Name: v; Type: VIEW; Schema: public; Owner: app
--

CREATE VIEW public.v AS
 SELECT items.id,
    items.name
   FROM public.items;


ALTER TABLE public.v OWNER TO app;

--
-- Name: Ünïcödé tàble; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public."Ünïcödé tàble" (
    x integer
);


ALTER TABLE public."Ünïcödé tàble" OWNER TO app;

--
-- Name: meas_2024; Type: TABLE ATTACH; Schema: public; Owner: app
--

ALTER TABLE ONLY public.meas ATTACH PARTITION public.meas_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');


--
-- Name: meas_2025; Type: TABLE ATTACH; Schema: public; Owner: app
--

ALTER TABLE ONLY public.meas ATTACH PARTITION public.meas_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');


--
-- Name: meas_2025_a; Type: TABLE ATTACH; Schema: public; Owner: app
--

ALTER TABLE ONLY public.meas_2025 ATTACH PARTITION public.meas_2025_a FOR VALUES IN (1, 2, 3);


--
-- Name: meas_2025_b; Type: TABLE ATTACH; Schema: public; Owner: app
--

ALTER TABLE ONLY public.meas_2025 ATTACH PARTITION public.meas_2025_b DEFAULT;


--
-- Data for Name: Odd "Name"; Type: TABLE DATA; Schema: My Schema; Owner: app
--

COPY "My Schema"."Odd ""Name""" (v, b) FROM stdin;
line1\nline2\r\n	\\x00010203ff0a0d5c2e
\\.	\\x5c2e0a
	\N
tab\there	\N
\\.\n\\.	\N
\\	\N
semi;colon (paren) 'quote' "dq"	\N
\N	\\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
\.


--
-- Data for Name: Capital "Cities"; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public."Capital ""Cities""" (name, population, state, motto) FROM stdin;
d	4	yy	carpe diem
\.


--
-- Data for Name: a.b; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public."a.b" ("c.d") FROM stdin;
1
2
\.


--
-- Data for Name: capitals; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.capitals (name, population, state) FROM stdin;
c	3	xx
\.


--
-- Data for Name: cities; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.cities (name, population) FROM stdin;
a	1
b	2
\.


--
-- Data for Name: empty_one; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.empty_one (x) FROM stdin;
\.


--
-- Data for Name: items; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.items (id, name) FROM stdin;
1	item 1
2	item 2
3	item 3
4	item 4
5	item 5
6	item 6
7	item 7
8	item 8
9	item 9
10	item 10
11	item 11
12	item 12
13	item 13
14	item 14
15	item 15
16	item 16
17	item 17
18	item 18
19	item 19
20	item 20
21	item 21
22	item 22
23	item 23
24	item 24
25	item 25
26	item 26
27	item 27
28	item 28
29	item 29
30	item 30
31	item 31
32	item 32
33	item 33
34	item 34
35	item 35
36	item 36
37	item 37
38	item 38
39	item 39
40	item 40
41	item 41
42	item 42
43	item 43
44	item 44
45	item 45
46	item 46
47	item 47
48	item 48
49	item 49
50	item 50
51	item 51
52	item 52
53	item 53
54	item 54
55	item 55
56	item 56
57	item 57
58	item 58
59	item 59
60	item 60
61	item 61
62	item 62
63	item 63
64	item 64
65	item 65
66	item 66
67	item 67
68	item 68
69	item 69
70	item 70
71	item 71
72	item 72
73	item 73
74	item 74
75	item 75
76	item 76
77	item 77
78	item 78
79	item 79
80	item 80
81	item 81
82	item 82
83	item 83
84	item 84
85	item 85
86	item 86
87	item 87
88	item 88
89	item 89
90	item 90
91	item 91
92	item 92
93	item 93
94	item 94
95	item 95
96	item 96
97	item 97
98	item 98
99	item 99
100	item 100
101	item 101
102	item 102
103	item 103
104	item 104
105	item 105
106	item 106
107	item 107
108	item 108
109	item 109
110	item 110
111	item 111
112	item 112
113	item 113
114	item 114
115	item 115
116	item 116
117	item 117
118	item 118
119	item 119
120	item 120
121	item 121
122	item 122
123	item 123
124	item 124
125	item 125
126	item 126
127	item 127
128	item 128
129	item 129
130	item 130
131	item 131
132	item 132
133	item 133
134	item 134
135	item 135
136	item 136
137	item 137
138	item 138
139	item 139
140	item 140
141	item 141
142	item 142
143	item 143
144	item 144
145	item 145
146	item 146
147	item 147
148	item 148
149	item 149
150	item 150
151	item 151
152	item 152
153	item 153
154	item 154
155	item 155
156	item 156
157	item 157
158	item 158
159	item 159
160	item 160
161	item 161
162	item 162
163	item 163
164	item 164
165	item 165
166	item 166
167	item 167
168	item 168
169	item 169
170	item 170
171	item 171
172	item 172
173	item 173
174	item 174
175	item 175
176	item 176
177	item 177
178	item 178
179	item 179
180	item 180
181	item 181
182	item 182
183	item 183
184	item 184
185	item 185
186	item 186
187	item 187
188	item 188
189	item 189
190	item 190
191	item 191
192	item 192
193	item 193
194	item 194
195	item 195
196	item 196
197	item 197
198	item 198
199	item 199
200	item 200
201	item 201
202	item 202
203	item 203
204	item 204
205	item 205
206	item 206
207	item 207
208	item 208
209	item 209
210	item 210
211	item 211
212	item 212
213	item 213
214	item 214
215	item 215
216	item 216
217	item 217
218	item 218
219	item 219
220	item 220
221	item 221
222	item 222
223	item 223
224	item 224
225	item 225
226	item 226
227	item 227
228	item 228
229	item 229
230	item 230
231	item 231
232	item 232
233	item 233
234	item 234
235	item 235
236	item 236
237	item 237
238	item 238
239	item 239
240	item 240
241	item 241
242	item 242
243	item 243
244	item 244
245	item 245
246	item 246
247	item 247
248	item 248
249	item 249
250	item 250
251	item 251
252	item 252
253	item 253
254	item 254
255	item 255
256	item 256
257	item 257
258	item 258
259	item 259
260	item 260
261	item 261
262	item 262
263	item 263
264	item 264
265	item 265
266	item 266
267	item 267
268	item 268
269	item 269
270	item 270
271	item 271
272	item 272
273	item 273
274	item 274
275	item 275
276	item 276
277	item 277
278	item 278
279	item 279
280	item 280
281	item 281
282	item 282
283	item 283
284	item 284
285	item 285
286	item 286
287	item 287
288	item 288
289	item 289
290	item 290
291	item 291
292	item 292
293	item 293
294	item 294
295	item 295
296	item 296
297	item 297
298	item 298
299	item 299
300	item 300
\.


--
-- Data for Name: meas_2024; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.meas_2024 (id, at, v) FROM stdin;
1	2024-05-01	x
2	2024-06-01	y
\.


--
-- Data for Name: meas_2025_a; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.meas_2025_a (id, at, v) FROM stdin;
1	2025-02-01	z
\.


--
-- Data for Name: meas_2025_b; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.meas_2025_b (id, at, v) FROM stdin;
9	2025-03-01	w
8	2025-03-02	w
\.


--
-- Data for Name: new line; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public."new
line" (x) FROM stdin;
1
2
\.


--
-- Data for Name: nocols; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.nocols  FROM stdin;


\.


--
-- Data for Name: select; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public."select" (x) FROM stdin;
semi;colon
paren)(
quote's
back\\slash
COPY public.items (id) FROM stdin;
x\n\\.\ny
\.


--
-- Data for Name: unl; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public.unl (x) FROM stdin;
1
\.


--
-- Data for Name: Ünïcödé tàble; Type: TABLE DATA; Schema: public; Owner: app
--

COPY public."Ünïcödé tàble" (x) FROM stdin;
1
\.


--
-- Name: items items_pkey; Type: CONSTRAINT; Schema: public; Owner: app
--

ALTER TABLE ONLY public.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);


--
-- Name: mv; Type: MATERIALIZED VIEW DATA; Schema: public; Owner: app
--

REFRESH MATERIALIZED VIEW public.mv;


--
-- PostgreSQL database dump complete
--

\unrestrict XRZIWQtHFc9CcDm7LexXPZdd8Lsb3E2MU6lnVyOrMbNwdbnDVigRKsDihza0yN6

