/*
 * Performance anchor: nghttp2 (C) on the workloads of
 * shared/bench/WORKLOADS.md.  In process, no sockets: a client session and
 * a server session exchange bytes through memory with
 * nghttp2_session_mem_send / nghttp2_session_mem_recv.
 *
 * usage: ./nghttp2_bench W1|W2|W3|W4|W5|all [...]
 *
 * bench/anchors: shared/bench/anchors/nghttp2_bench.c plus W5 (per-frame cost).
 *
 * Environment knobs (defaults are the reported configuration):
 *   BENCH_RUNS=5  BENCH_MIN_S=1.0  BENCH_WARMUP_S=1.0  W4_BATCHES=10
 *   HPACK_DIR=<dir of story_*.json>
 *
 * Build: see Makefile (gcc -O2 ... -lnghttp2 -lcjson).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <nghttp2/nghttp2.h>

#define BATCH 100
#define BODY_LEN 1024
#define W2_BODY (64u * 1024u * 1024u)
#define SLICE (16 * 1024)

static int RUNS = 5;
static double MIN_S = 1.0, WARMUP_S = 1.0;
static int W4_BATCHES = 10;
static const char *HPACK_DIR = NULL;

static void fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "FAIL: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(1);
}
#define CHECK(c, ...)                                                          \
  do {                                                                         \
    if (!(c))                                                                  \
      fail(__VA_ARGS__);                                                       \
  } while (0)

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of the process: a side figure that shows whether other load on
   the machine disturbed the wall-clock figure. */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
static double CPUV[64], CPUV2[64];
static int ncpu;

/* ------------------------------------------------------------ buffers */
typedef struct {
  uint8_t *p;
  size_t len, cap;
} buf_t;

static void buf_append(buf_t *b, const uint8_t *d, size_t n) {
  if (b->len + n > b->cap) {
    size_t c = b->cap ? b->cap : 65536;
    while (c < b->len + n)
      c *= 2;
    b->p = realloc(b->p, c);
    CHECK(b->p, "oom");
    b->cap = c;
  }
  memcpy(b->p + b->len, d, n);
  b->len += n;
}

/* ------------------------------------------------------------ headers */
#define NV(n, v)                                                               \
  { (uint8_t *)(n), (uint8_t *)(v), sizeof(n) - 1, sizeof(v) - 1,              \
    NGHTTP2_NV_FLAG_NONE }

static const nghttp2_nv RESP_W1[] = {
    NV(":status", "200"),
    NV("content-type", "application/json"),
    NV("content-length", "1024"),
    NV("server", "bench-server/1.0"),
    NV("cache-control", "no-cache"),
};
static const nghttp2_nv RESP_W2[] = {
    NV(":status", "200"),
    NV("content-type", "application/octet-stream"),
    NV("content-length", "67108864"),
    NV("server", "bench-server/1.0"),
    NV("cache-control", "no-cache"),
};
#define NRESP 5
#define NREQ 9

static uint8_t PATTERN[16384];

/* ------------------------------------------------------------ the pair */
typedef struct stream_data {
  size_t left;
} stream_data;

typedef struct pair {
  nghttp2_session *c, *s;
  size_t body_len;        /* per-response body */
  uint64_t n;             /* request counter -> /resource/<n> */
  uint64_t sent;          /* requests submitted */
  /* server */
  uint64_t req_received, req_ended, req_fields, srv_closed;
  int32_t deferred[4 * BATCH];
  int ndeferred;
  /* client */
  uint64_t resp_received, resp_ended, body_bytes, cli_closed, bad_status;
  uint64_t data_frames, deferrals;
  /* transport */
  buf_t cbuf, sbuf;
  buf_t *capture; /* server-received bytes (W4) */
} pair;

/* server: data provider */
static ssize_t srv_read(nghttp2_session *session, int32_t stream_id,
                        uint8_t *buf, size_t length, uint32_t *data_flags,
                        nghttp2_data_source *source, void *user_data) {
  pair *p = user_data;
  stream_data *sd = source->ptr;
  (void)session;
  if (p->body_len == BODY_LEN) {
    /* W1: exactly one DATA frame of 1024 bytes; wait for window if the
       whole body does not fit (resumed on WINDOW_UPDATE). */
#ifdef W1_ALLOW_SPLIT
    /* experiment only (not the reported configuration): let nghttp2 cut
       the body at the window edge instead of waiting */
    {
      size_t n = length < sd->left ? length : sd->left;
      memcpy(buf, PATTERN, n);
      sd->left -= n;
      if (sd->left == 0)
        *data_flags |= NGHTTP2_DATA_FLAG_EOF;
      return (ssize_t)n;
    }
#endif
    if (length < BODY_LEN) {
      CHECK(p->ndeferred < (int)(sizeof p->deferred / sizeof p->deferred[0]),
            "deferred overflow");
      p->deferred[p->ndeferred++] = stream_id;
      p->deferrals++;
      return NGHTTP2_ERR_DEFERRED;
    }
    memcpy(buf, PATTERN, BODY_LEN);
    sd->left = 0;
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    return BODY_LEN;
  }
  /* W2: nghttp2 asks for min(window, max frame size) */
  size_t n = length < sd->left ? length : sd->left;
  size_t off = 0;
  while (off < n) {
    size_t k = n - off < sizeof PATTERN ? n - off : sizeof PATTERN;
    memcpy(buf + off, PATTERN, k);
    off += k;
  }
  sd->left -= n;
  if (sd->left == 0)
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
  return (ssize_t)n;
}

static int srv_on_header(nghttp2_session *session, const nghttp2_frame *frame,
                         const uint8_t *name, size_t namelen,
                         const uint8_t *value, size_t valuelen, uint8_t flags,
                         void *user_data) {
  pair *p = user_data;
  (void)session; (void)frame; (void)name; (void)namelen; (void)value;
  (void)valuelen; (void)flags;
  p->req_fields++;
  return 0;
}

static int srv_on_frame_recv(nghttp2_session *session,
                             const nghttp2_frame *frame, void *user_data) {
  pair *p = user_data;
  switch (frame->hd.type) {
  case NGHTTP2_HEADERS:
    if (frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
      p->req_received++;
      if (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) {
        p->req_ended++;
        stream_data *sd = malloc(sizeof *sd);
        CHECK(sd, "oom");
        sd->left = p->body_len;
        nghttp2_data_provider prd;
        prd.source.ptr = sd;
        prd.read_callback = srv_read;
        int rv = nghttp2_submit_response(
            session, frame->hd.stream_id,
            p->body_len == BODY_LEN ? RESP_W1 : RESP_W2, NRESP, &prd);
        CHECK(rv == 0, "submit_response: %s", nghttp2_strerror(rv));
        nghttp2_session_set_stream_user_data(session, frame->hd.stream_id, sd);
      }
    }
    break;
  case NGHTTP2_WINDOW_UPDATE:
    if (p->ndeferred) {
      int nd = p->ndeferred;
      p->ndeferred = 0;
      for (int i = 0; i < nd; i++) {
        int rv = nghttp2_session_resume_data(session, p->deferred[i]);
        CHECK(rv == 0, "resume_data: %s", nghttp2_strerror(rv));
      }
    }
    break;
  }
  return 0;
}

static int srv_on_stream_close(nghttp2_session *session, int32_t stream_id,
                               uint32_t error_code, void *user_data) {
  pair *p = user_data;
  CHECK(error_code == NGHTTP2_NO_ERROR, "server stream %d closed with %u",
        stream_id, error_code);
  free(nghttp2_session_get_stream_user_data(session, stream_id));
  p->srv_closed++;
  return 0;
}

/* client */
static int cli_on_header(nghttp2_session *session, const nghttp2_frame *frame,
                         const uint8_t *name, size_t namelen,
                         const uint8_t *value, size_t valuelen, uint8_t flags,
                         void *user_data) {
  pair *p = user_data;
  (void)session; (void)frame; (void)flags;
  if (namelen == 7 && memcmp(name, ":status", 7) == 0 &&
      !(valuelen == 3 && memcmp(value, "200", 3) == 0))
    p->bad_status++;
  return 0;
}

static int cli_on_frame_recv(nghttp2_session *session,
                             const nghttp2_frame *frame, void *user_data) {
  pair *p = user_data;
  (void)session;
  if (frame->hd.type == NGHTTP2_HEADERS &&
      frame->headers.cat == NGHTTP2_HCAT_RESPONSE)
    p->resp_received++;
  if (frame->hd.type == NGHTTP2_DATA) {
    p->data_frames++;
    /* W1: the body must arrive as one DATA frame of 1024 bytes */
#ifndef W1_ALLOW_SPLIT
    CHECK(p->body_len != BODY_LEN || (frame->hd.length == BODY_LEN &&
                                      (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)),
          "W1 DATA frame of %zu bytes", frame->hd.length);
#endif
  }
  if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
      (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
    p->resp_ended++;
  return 0;
}

static int cli_on_data_chunk(nghttp2_session *session, uint8_t flags,
                             int32_t stream_id, const uint8_t *data,
                             size_t len, void *user_data) {
  pair *p = user_data;
  (void)session; (void)flags; (void)stream_id; (void)data;
  p->body_bytes += len; /* window update: nghttp2's automatic one */
  return 0;
}

static int cli_on_stream_close(nghttp2_session *session, int32_t stream_id,
                               uint32_t error_code, void *user_data) {
  pair *p = user_data;
  (void)session;
  CHECK(error_code == NGHTTP2_NO_ERROR, "client stream %d closed with %u",
        stream_id, error_code);
  p->cli_closed++;
  return 0;
}

static nghttp2_session_callbacks *cli_cbs, *srv_cbs;

static void init_callbacks(void) {
  nghttp2_session_callbacks_new(&cli_cbs);
  nghttp2_session_callbacks_set_on_header_callback(cli_cbs, cli_on_header);
  nghttp2_session_callbacks_set_on_frame_recv_callback(cli_cbs,
                                                       cli_on_frame_recv);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cli_cbs,
                                                            cli_on_data_chunk);
  nghttp2_session_callbacks_set_on_stream_close_callback(cli_cbs,
                                                         cli_on_stream_close);
  nghttp2_session_callbacks_new(&srv_cbs);
  nghttp2_session_callbacks_set_on_header_callback(srv_cbs, srv_on_header);
  nghttp2_session_callbacks_set_on_frame_recv_callback(srv_cbs,
                                                       srv_on_frame_recv);
  nghttp2_session_callbacks_set_on_stream_close_callback(srv_cbs,
                                                         srv_on_stream_close);
}

/* drain everything a session wants to send into b */
static void drain(nghttp2_session *s, buf_t *b) {
  b->len = 0;
  for (;;) {
    const uint8_t *d;
    ssize_t n = nghttp2_session_mem_send(s, &d);
    CHECK(n >= 0, "mem_send: %s", nghttp2_strerror((int)n));
    if (n == 0)
      break;
    buf_append(b, d, (size_t)n);
  }
}

static void feed(nghttp2_session *s, const uint8_t *d, size_t n) {
  ssize_t r = nghttp2_session_mem_recv(s, d, n);
  CHECK(r == (ssize_t)n, "mem_recv: %zd (%s)", r,
        r < 0 ? nghttp2_strerror((int)r) : "short");
}

static void pump(pair *p) {
  for (;;) {
    int moved = 0;
    drain(p->c, &p->cbuf);
    if (p->cbuf.len) {
      moved = 1;
      if (p->capture)
        buf_append(p->capture, p->cbuf.p, p->cbuf.len);
      feed(p->s, p->cbuf.p, p->cbuf.len);
    }
    drain(p->s, &p->sbuf);
    if (p->sbuf.len) {
      moved = 1;
      feed(p->c, p->sbuf.p, p->sbuf.len);
    }
    if (!moved)
      return;
  }
}

static void submit_settings(nghttp2_session *s, uint32_t max_streams) {
  nghttp2_settings_entry iv[1] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, max_streams}};
  int rv = nghttp2_submit_settings(s, NGHTTP2_FLAG_NONE, iv, 1);
  CHECK(rv == 0, "submit_settings: %s", nghttp2_strerror(rv));
}

static pair *pair_new(size_t body_len, buf_t *capture) {
  pair *p = calloc(1, sizeof *p);
  CHECK(p, "oom");
  p->body_len = body_len;
  p->capture = capture;
  CHECK(nghttp2_session_client_new(&p->c, cli_cbs, p) == 0, "client_new");
  CHECK(nghttp2_session_server_new(&p->s, srv_cbs, p) == 0, "server_new");
  submit_settings(p->c, 100);
  submit_settings(p->s, 100);
  pump(p);
  return p;
}

static void pair_free(pair *p) {
  nghttp2_session_del(p->c);
  nghttp2_session_del(p->s);
  free(p->cbuf.p);
  free(p->sbuf.p);
  free(p);
}

static void send_requests(pair *p, int count) {
  char path[64];
  for (int i = 0; i < count; i++) {
    int pl = snprintf(path, sizeof path, "/resource/%" PRIu64, p->n++);
    nghttp2_nv nva[NREQ] = {
        NV(":method", "GET"),
        NV(":scheme", "https"),
        NV(":authority", "example.com"),
        {(uint8_t *)":path", (uint8_t *)path, 5, (size_t)pl,
         NGHTTP2_NV_FLAG_NONE},
        NV("user-agent", "bench-client/1.0"),
        NV("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,"
                     "*/*;q=0.8"),
        NV("accept-encoding", "gzip, deflate, br"),
        NV("accept-language", "en-US,en;q=0.5"),
        NV("cookie", "session=0123456789abcdef0123456789abcdef"),
    };
    int32_t sid = nghttp2_submit_request(p->c, NULL, nva, NREQ, NULL, NULL);
    CHECK(sid > 0, "submit_request: %s", nghttp2_strerror(sid));
  }
  p->sent += count;
}

static void pair_verify(pair *p) {
  uint64_t n = p->sent;
  CHECK(p->req_received == n, "server saw %" PRIu64 " requests of %" PRIu64,
        p->req_received, n);
  CHECK(p->req_ended == n, "server saw %" PRIu64 " request ends", p->req_ended);
  CHECK(p->req_fields == n * NREQ, "server saw %" PRIu64 " fields",
        p->req_fields);
  CHECK(p->srv_closed == n, "server closed %" PRIu64 " streams", p->srv_closed);
  CHECK(p->resp_received == n, "client saw %" PRIu64 " responses",
        p->resp_received);
  CHECK(p->resp_ended == n, "client saw %" PRIu64 " response ends",
        p->resp_ended);
  CHECK(p->cli_closed == n, "client closed %" PRIu64 " streams", p->cli_closed);
  CHECK(p->bad_status == 0, "bad :status");
  CHECK(p->body_bytes == n * p->body_len, "client got %" PRIu64 " body bytes",
        p->body_bytes);
  CHECK(p->ndeferred == 0, "deferred bodies left");
}

/* ------------------------------------------------------------ stats */
static int cmpd(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void fmtv(char *o, size_t n, double v) {
  if (v < 10)
    snprintf(o, n, "%.3f", v);
  else if (v < 1000)
    snprintf(o, n, "%.1f", v);
  else
    snprintf(o, n, "%.0f", v);
}

static double median(const double *v, int k) {
  double s[64];
  memcpy(s, v, k * sizeof *v);
  qsort(s, k, sizeof *s, cmpd);
  return k % 2 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
}

static void report(char *out, size_t n, const char *label, double *v, int k,
                   const double *cpu) {
  double s[64];
  memcpy(s, v, k * sizeof *v);
  qsort(s, k, sizeof *s, cmpd);
  double med = k % 2 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
  char a[32], b[32], c[32];
  fmtv(a, sizeof a, med);
  fmtv(b, sizeof b, s[0]);
  fmtv(c, sizeof c, s[k - 1]);
  char d[64] = "";
  if (cpu) {
    char x[32];
    fmtv(x, sizeof x, median(cpu, k));
    snprintf(d, sizeof d, "; cpu-time median %s", x);
  }
  snprintf(out, n, "%s: %s [min %s max %s spread %.1f%% n=%d%s]", label, a, b,
           c, (s[k - 1] - s[0]) / med * 100, k, d);
}

static char detail[256];
static void last_detail(pair *p) {
  snprintf(detail, sizeof detail,
           "last run: %" PRIu64 " requests, %" PRIu64 " DATA frames (%.1f per "
           "response), %" PRIu64 " deferrals for window",
           p->sent, p->data_frames, (double)p->data_frames / p->sent,
           p->deferrals);
}

/* ------------------------------------------------------------ W1 */
static double w1_run(double min_s) {
  pair *p = pair_new(BODY_LEN, NULL);
  double t0 = now(), c0 = cpu_now(), el, cpu;
  for (;;) {
    send_requests(p, BATCH);
    pump(p);
    CHECK(p->cli_closed == p->sent, "batch did not complete: %" PRIu64 "/%" PRIu64,
          p->cli_closed, p->sent);
    el = now() - t0;
    cpu = cpu_now() - c0;
    if (el >= min_s)
      break;
  }
  pair_verify(p);
#ifndef W1_ALLOW_SPLIT
  CHECK(p->data_frames == p->sent, "W1: %" PRIu64 " DATA frames", p->data_frames);
#endif
  last_detail(p);
  CPUV[ncpu++ % 64] = p->sent / cpu;
  double r = p->sent / el;
  pair_free(p);
  return r;
}

static void w1(void) {
  double v[64];
  char line[256];
  w1_run(WARMUP_S);
  ncpu = 0;
  for (int i = 0; i < RUNS; i++)
    v[i] = w1_run(MIN_S);
  report(line, sizeof line, "W1 requests/s", v, RUNS, CPUV);
  printf("%s\n", line);
  fprintf(stderr, "  W1 %s\n", detail);
  fflush(stdout);
}

/* ------------------------------------------------------------ W2 */
static double w2_run(double min_s) {
  pair *p = pair_new(W2_BODY, NULL);
  double t0 = now(), c0 = cpu_now(), el, cpu;
  for (;;) {
    send_requests(p, 1);
    pump(p);
    CHECK(p->cli_closed == p->sent && p->body_bytes == p->sent * W2_BODY,
          "W2 stream did not complete");
    el = now() - t0;
    cpu = cpu_now() - c0;
    if (el >= min_s)
      break;
  }
  pair_verify(p);
  last_detail(p);
  CPUV[ncpu++ % 64] = p->body_bytes / (1024.0 * 1024.0) / cpu;
  double r = p->body_bytes / (1024.0 * 1024.0) / el;
  pair_free(p);
  return r;
}

static void w2(void) {
  double v[64];
  char line[256];
  w2_run(WARMUP_S);
  ncpu = 0;
  for (int i = 0; i < RUNS; i++)
    v[i] = w2_run(MIN_S);
  report(line, sizeof line, "W2 MiB/s", v, RUNS, CPUV);
  printf("%s\n", line);
  fprintf(stderr, "  W2 %s\n", detail);
  fflush(stdout);
}

/* ------------------------------------------------------------ W3 */
typedef struct {
  nghttp2_nv *nva;
  size_t n;
} hlist;
typedef struct {
  hlist *cases;
  size_t ncases;
  size_t *off, *len; /* encoded blocks */
} story;

static story *stories;
static size_t nstories, total_fields, total_cases;
static buf_t blocks;

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  CHECK(f, "open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc(n + 1);
  CHECK(b && fread(b, 1, n, f) == (size_t)n, "read %s", path);
  b[n] = 0;
  fclose(f);
  return b;
}

static int cmpstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_stories(void) {
  DIR *d = opendir(HPACK_DIR);
  CHECK(d, "no story directory %s", HPACK_DIR);
  char *names[1024];
  size_t nn = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) {
      CHECK(nn < 1024, "too many stories");
      names[nn++] = strdup(e->d_name);
    }
  }
  closedir(d);
  CHECK(nn > 0, "no stories in %s", HPACK_DIR);
  qsort(names, nn, sizeof *names, cmpstr);
  stories = calloc(nn, sizeof *stories);
  nstories = nn;
  for (size_t i = 0; i < nn; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", HPACK_DIR, names[i]);
    char *txt = read_file(path);
    cJSON *root = cJSON_Parse(txt);
    CHECK(root, "bad JSON in %s", path);
    cJSON *cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    CHECK(cJSON_IsArray(cases), "%s: no cases", path);
    story *st = &stories[i];
    st->ncases = cJSON_GetArraySize(cases);
    st->cases = calloc(st->ncases, sizeof *st->cases);
    st->off = calloc(st->ncases, sizeof *st->off);
    st->len = calloc(st->ncases, sizeof *st->len);
    size_t ci = 0;
    cJSON *c;
    cJSON_ArrayForEach(c, cases) {
      cJSON *hs = cJSON_GetObjectItemCaseSensitive(c, "headers");
      CHECK(cJSON_IsArray(hs), "%s: case without headers", path);
      hlist *hl = &st->cases[ci++];
      hl->n = cJSON_GetArraySize(hs);
      hl->nva = calloc(hl->n ? hl->n : 1, sizeof *hl->nva);
      size_t hi = 0;
      cJSON *h;
      cJSON_ArrayForEach(h, hs) {
        CHECK(cJSON_GetArraySize(h) == 1, "%s: header object with !=1 key",
              path);
        cJSON *kv = h->child;
        CHECK(cJSON_IsString(kv), "%s: non-string value", path);
        nghttp2_nv *nv = &hl->nva[hi++];
        nv->name = (uint8_t *)strdup(kv->string);
        nv->namelen = strlen(kv->string);
        nv->value = (uint8_t *)strdup(kv->valuestring);
        nv->valuelen = strlen(kv->valuestring);
        nv->flags = NGHTTP2_NV_FLAG_NONE;
      }
      total_fields += hl->n;
    }
    total_cases += st->ncases;
    cJSON_Delete(root);
    free(txt);
    free(names[i]);
  }
}

static void w3_encode_all(void) {
  blocks.len = 0;
  for (size_t i = 0; i < nstories; i++) {
    story *st = &stories[i];
    nghttp2_hd_deflater *def;
    CHECK(nghttp2_hd_deflate_new(&def, 4096) == 0, "deflate_new");
    for (size_t j = 0; j < st->ncases; j++) {
      hlist *hl = &st->cases[j];
      size_t bound = nghttp2_hd_deflate_bound(def, hl->nva, hl->n);
      if (blocks.len + bound > blocks.cap) {
        size_t c = blocks.cap ? blocks.cap : 1 << 20;
        while (c < blocks.len + bound)
          c *= 2;
        blocks.p = realloc(blocks.p, c);
        blocks.cap = c;
      }
      ssize_t r = nghttp2_hd_deflate_hd(def, blocks.p + blocks.len, bound,
                                        hl->nva, hl->n);
      CHECK(r >= 0, "deflate: %s", nghttp2_strerror((int)r));
      st->off[j] = blocks.len;
      st->len[j] = (size_t)r;
      blocks.len += (size_t)r;
    }
    nghttp2_hd_deflate_del(def);
  }
}

/* verify: 1 = compare every field with the input (round trip check) */
static size_t w3_decode_all(int verify) {
  size_t fields = 0;
  for (size_t i = 0; i < nstories; i++) {
    story *st = &stories[i];
    nghttp2_hd_inflater *inf;
    CHECK(nghttp2_hd_inflate_new(&inf) == 0, "inflate_new");
    for (size_t j = 0; j < st->ncases; j++) {
      hlist *hl = &st->cases[j];
      const uint8_t *in = blocks.p + st->off[j];
      size_t inlen = st->len[j];
      size_t k = 0;
      for (;;) {
        nghttp2_nv nv;
        int fl = 0;
        ssize_t r = nghttp2_hd_inflate_hd2(inf, &nv, &fl, in, inlen, 1);
        CHECK(r >= 0, "inflate: %s", nghttp2_strerror((int)r));
        in += r;
        inlen -= (size_t)r;
        if (fl & NGHTTP2_HD_INFLATE_EMIT) {
          CHECK(k < hl->n, "story %zu case %zu: too many fields", i, j);
          if (verify) {
            const nghttp2_nv *x = &hl->nva[k];
            CHECK(nv.namelen == x->namelen && nv.valuelen == x->valuelen &&
                      memcmp(nv.name, x->name, x->namelen) == 0 &&
                      memcmp(nv.value, x->value, x->valuelen) == 0,
                  "story %zu case %zu field %zu: round trip mismatch", i, j, k);
          } else {
            CHECK(nv.namelen == hl->nva[k].namelen &&
                      nv.valuelen == hl->nva[k].valuelen,
                  "story %zu case %zu field %zu: length mismatch", i, j, k);
          }
          k++;
        }
        if (fl & NGHTTP2_HD_INFLATE_FINAL) {
          nghttp2_hd_inflate_end_headers(inf);
          break;
        }
        CHECK(r > 0 || (fl & NGHTTP2_HD_INFLATE_EMIT), "inflate stalled");
      }
      CHECK(inlen == 0, "trailing bytes in block");
      CHECK(k == hl->n, "story %zu case %zu: %zu fields of %zu", i, j, k,
            hl->n);
      fields += k;
    }
    nghttp2_hd_inflate_del(inf);
  }
  return fields;
}

static void w3_run(double min_s, double *enc, double *dec) {
  double te = 0, td = 0, ce = 0, cd = 0;
  long passes = 0;
  do {
    double t0 = now(), c0 = cpu_now();
    w3_encode_all();
    double t1 = now(), c1 = cpu_now();
    size_t f = w3_decode_all(0);
    double t2 = now(), c2 = cpu_now();
    CHECK(f == total_fields, "decoded %zu fields of %zu", f, total_fields);
    te += t1 - t0;
    td += t2 - t1;
    ce += c1 - c0;
    cd += c2 - c1;
    passes++;
  } while (te < min_s || td < min_s);
  /* full round-trip comparison of the last pass (untimed) */
  CHECK(w3_decode_all(1) == total_fields, "round trip");
  CPUV[ncpu % 64] = (double)total_fields * passes / ce;
  CPUV2[ncpu++ % 64] = (double)total_fields * passes / cd;
  *enc = (double)total_fields * passes / te;
  *dec = (double)total_fields * passes / td;
}

static void w3(void) {
  double e[64], d[64], x, y;
  char l1[256], l2[256];
  load_stories();
  w3_run(WARMUP_S, &x, &y);
  ncpu = 0;
  for (int i = 0; i < RUNS; i++)
    w3_run(MIN_S, &e[i], &d[i]);
  report(l1, sizeof l1, "W3 encode fields/s", e, RUNS, CPUV);
  report(l2, sizeof l2, "decode fields/s", d, RUNS, CPUV2);
  printf("%s  %s  (%zu stories, %zu header lists, %zu fields, %zu encoded "
         "bytes)\n",
         l1, l2, nstories, total_cases, total_fields, blocks.len);
  fflush(stdout);
}

/* ------------------------------------------------------------ W4 */
typedef struct {
  uint64_t reqs, fields;
} replay_ctx;

static int rp_on_header(nghttp2_session *session, const nghttp2_frame *frame,
                        const uint8_t *name, size_t namelen,
                        const uint8_t *value, size_t valuelen, uint8_t flags,
                        void *user_data) {
  replay_ctx *r = user_data;
  (void)session; (void)frame; (void)name; (void)namelen; (void)value;
  (void)valuelen; (void)flags;
  r->fields++;
  return 0;
}

static int rp_on_frame_recv(nghttp2_session *session,
                            const nghttp2_frame *frame, void *user_data) {
  replay_ctx *r = user_data;
  (void)session;
  if (frame->hd.type == NGHTTP2_HEADERS &&
      frame->headers.cat == NGHTTP2_HCAT_REQUEST)
    r->reqs++;
  return 0;
}

static nghttp2_session_callbacks *rp_cbs;

static double w4_cpu;
static double w4_replay(const buf_t *stream, uint64_t nreq) {
  replay_ctx r = {0, 0};
  nghttp2_session *s;
  CHECK(nghttp2_session_server_new(&s, rp_cbs, &r) == 0, "server_new");
  /* The replay server never answers, so later batches would exceed the
     100-stream limit that W1's answers kept clear: lift it for K > 1. */
  submit_settings(s, W4_BATCHES > 1 ? 0x7fffffffu : 100u);
  double t0 = now(), c0 = cpu_now();
  for (size_t off = 0; off < stream->len; off += SLICE) {
    size_t n = stream->len - off < SLICE ? stream->len - off : SLICE;
    feed(s, stream->p + off, n);
  }
  double t1 = now();
  w4_cpu += cpu_now() - c0;
  nghttp2_session_del(s);
  CHECK(r.reqs == nreq && r.fields == nreq * NREQ,
        "W4 replay: %" PRIu64 " requests / %" PRIu64 " fields, expected %" PRIu64,
        r.reqs, r.fields, nreq);
  return t1 - t0;
}

static double w4_run(const buf_t *stream, uint64_t nreq, double min_s) {
  double el = 0;
  long n = 0;
  w4_cpu = 0;
  while (el < min_s) {
    el += w4_replay(stream, nreq);
    n++;
  }
  CPUV[ncpu++ % 64] = (double)stream->len * n / (1024.0 * 1024.0) / w4_cpu;
  return (double)stream->len * n / (1024.0 * 1024.0) / el;
}

static void w4(void) {
  buf_t cap = {0};
  pair *p = pair_new(BODY_LEN, &cap);
  for (int i = 0; i < W4_BATCHES; i++) {
    send_requests(p, BATCH);
    pump(p);
  }
  pair_verify(p);
  uint64_t nreq = p->sent;
  pair_free(p);

  nghttp2_session_callbacks_new(&rp_cbs);
  nghttp2_session_callbacks_set_on_header_callback(rp_cbs, rp_on_header);
  nghttp2_session_callbacks_set_on_frame_recv_callback(rp_cbs,
                                                       rp_on_frame_recv);
  double v[64];
  char line[256];
  w4_run(&cap, nreq, WARMUP_S);
  ncpu = 0;
  for (int i = 0; i < RUNS; i++)
    v[i] = w4_run(&cap, nreq, MIN_S);
  report(line, sizeof line, "W4 MiB/s", v, RUNS, CPUV);
  printf("%s  (stream %zu bytes, %" PRIu64 " requests, %zu slices; median = "
         "%.0f requests/s)\n",
         line, cap.len, nreq, (cap.len + SLICE - 1) / SLICE,
         median(v, RUNS) * 1024 * 1024 / cap.len * nreq);
  fflush(stdout);
  free(cap.p);
}


/* ------------------------------------------------------------ W5 */
/* Per-frame cost: a client byte stream of minimal frames, built byte for
   byte exactly as bench/H2Sharp.Benchmarks/Workloads/W5Floods.cs builds it,
   fed in 16 KiB slices to a fresh server whose output is drained with
   mem_send after every slice (a reading peer).  Shapes: dribble (1-byte
   DATA + WINDOW_UPDATE of 1 on the connection, the DATA consumed with
   nghttp2's automatic window updates), ping (PING, answered with ACK),
   settings (SETTINGS of two entries that change nothing, answered with
   ACK; two entries keep a slice under nghttp2's 1,000 queued ACKs).
   Figure: flood frames per second. */
#define W5_FRAMES 200000

typedef struct {
  uint64_t data, data_bytes, windows, pings, settings, out;
  int request;
} flood_ctx;

static void frame_hd(buf_t *b, size_t len, uint8_t type, uint8_t flags,
                     uint32_t sid, const uint8_t *payload) {
  uint8_t h[9] = {(uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len,
                  type, flags, (uint8_t)(sid >> 24), (uint8_t)(sid >> 16),
                  (uint8_t)(sid >> 8), (uint8_t)sid};
  buf_append(b, h, 9);
  if (len)
    buf_append(b, payload, len);
}

static void w5_build(buf_t *b, int shape, int frames) {
  static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  buf_append(b, (const uint8_t *)preface, sizeof preface - 1);
  frame_hd(b, 0, 0x4, 0, 0, NULL);
  frame_hd(b, 0, 0x4, 0x1, 0, NULL);
  if (shape == 0) {
    static const uint8_t block[] = {0x82, 0x87, 0x84, 0x41, 11, 'e', 'x', 'a',
                                    'm',  'p',  'l',  'e',  '.', 'c', 'o', 'm'};
    static const uint8_t x[] = {'x'}, wu[] = {0, 0, 0, 1};
    frame_hd(b, sizeof block, 0x1, 0x4, 1, block);
    for (int i = 0; i < frames / 2; i++) {
      frame_hd(b, 1, 0x0, 0, 1, x);
      frame_hd(b, 4, 0x8, 0, 0, wu);
    }
  } else if (shape == 1) {
    uint8_t op[8];
    for (int i = 0; i < frames; i++) {
      uint64_t v = (uint64_t)i;
      for (int k = 7; k >= 0; k--, v >>= 8)
        op[k] = (uint8_t)v;
      frame_hd(b, 8, 0x6, 0, 0, op);
    }
  } else {
    static const uint8_t entries[] = {0, 1, 0, 0, 0x10, 0, 0, 4, 0, 0, 0xff, 0xff};
    for (int i = 0; i < frames; i++)
      frame_hd(b, sizeof entries, 0x4, 0, 0, entries);
  }
}

static int fl_on_frame_recv(nghttp2_session *session,
                            const nghttp2_frame *frame, void *user_data) {
  flood_ctx *f = user_data;
  (void)session;
  switch (frame->hd.type) {
  case NGHTTP2_HEADERS:
    if (frame->headers.cat == NGHTTP2_HCAT_REQUEST)
      f->request = 1;
    break;
  case NGHTTP2_DATA:
    f->data++;
    break;
  case NGHTTP2_WINDOW_UPDATE:
    if (frame->hd.stream_id == 0 &&
        frame->window_update.window_size_increment == 1)
      f->windows++;
    break;
  case NGHTTP2_PING:
    if (!(frame->hd.flags & NGHTTP2_FLAG_ACK))
      f->pings++;
    break;
  case NGHTTP2_SETTINGS:
    if (!(frame->hd.flags & NGHTTP2_FLAG_ACK))
      f->settings++;
    break;
  }
  return 0;
}

static int fl_on_data_chunk(nghttp2_session *session, uint8_t flags,
                            int32_t stream_id, const uint8_t *data, size_t len,
                            void *user_data) {
  flood_ctx *f = user_data;
  (void)session; (void)flags; (void)stream_id; (void)data;
  f->data_bytes += len;
  return 0;
}

static nghttp2_session_callbacks *fl_cbs;
static const char *W5_NAMES[] = {"dribble", "ping", "settings"};

static double w5_cpu;
static double w5_replay(const buf_t *stream, int shape) {
  flood_ctx f = {0};
  nghttp2_session *s;
  CHECK(nghttp2_session_server_new(&s, fl_cbs, &f) == 0, "server_new");
  submit_settings(s, 100);
  const uint8_t *d;
  while (nghttp2_session_mem_send(s, &d) > 0)
    ;
  double t0 = now(), c0 = cpu_now();
  for (size_t off = 0; off < stream->len; off += SLICE) {
    size_t n = stream->len - off < SLICE ? stream->len - off : SLICE;
    feed(s, stream->p + off, n);
    for (;;) {
      ssize_t k = nghttp2_session_mem_send(s, &d);
      CHECK(k >= 0, "mem_send: %s", nghttp2_strerror((int)k));
      if (k == 0)
        break;
      f.out += (uint64_t)k;
    }
  }
  double t1 = now();
  w5_cpu += cpu_now() - c0;
  nghttp2_session_del(s);
  uint64_t n = W5_FRAMES;
  if (shape == 0)
    CHECK(f.request && f.data == n / 2 && f.data_bytes == n / 2 &&
              f.windows == n / 2 && f.out >= 9 + (n / 2 / 32768) * 26,
          "W5 dribble: request %d, %" PRIu64 " DATA / %" PRIu64
          " bytes / %" PRIu64 " WINDOW_UPDATE, %" PRIu64 " bytes out",
          f.request, f.data, f.data_bytes, f.windows, f.out);
  else if (shape == 1)
    CHECK(f.pings == n && f.out == 9 + 17 * n,
          "W5 ping: %" PRIu64 " PINGs, %" PRIu64 " bytes answered", f.pings,
          f.out);
  else
    CHECK(f.settings == n + 1 && f.out == 9 * (n + 1),
          "W5 settings: %" PRIu64 " SETTINGS, %" PRIu64 " bytes answered",
          f.settings, f.out);
  return t1 - t0;
}

static double w5_run(const buf_t *stream, int shape, double min_s) {
  double el = 0;
  long n = 0;
  w5_cpu = 0;
  while (el < min_s) {
    el += w5_replay(stream, shape);
    n++;
  }
  CPUV[ncpu++ % 64] = (double)W5_FRAMES * n / w5_cpu;
  return (double)W5_FRAMES * n / el;
}

static void w5(void) {
  nghttp2_session_callbacks_new(&fl_cbs);
  nghttp2_session_callbacks_set_on_frame_recv_callback(fl_cbs,
                                                       fl_on_frame_recv);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(fl_cbs,
                                                            fl_on_data_chunk);
  for (int shape = 0; shape < 3; shape++) {
    buf_t st = {0};
    w5_build(&st, shape, W5_FRAMES);
    double v[64];
    char line[256], label[64];
    w5_run(&st, shape, WARMUP_S);
    ncpu = 0;
    for (int i = 0; i < RUNS; i++)
      v[i] = w5_run(&st, shape, MIN_S);
    snprintf(label, sizeof label, "W5 %s frames/s", W5_NAMES[shape]);
    report(line, sizeof line, label, v, RUNS, CPUV);
    printf("%s  (stream %zu bytes, %d frames)\n", line, st.len, W5_FRAMES);
    fflush(stdout);
    free(st.p);
  }
}

/* ------------------------------------------------------------ main */
int main(int argc, char **argv) {
  const char *e;
  if ((e = getenv("BENCH_RUNS")))
    RUNS = atoi(e);
  if ((e = getenv("BENCH_MIN_S")))
    MIN_S = atof(e);
  if ((e = getenv("BENCH_WARMUP_S")))
    WARMUP_S = atof(e);
  if ((e = getenv("W4_BATCHES")))
    W4_BATCHES = atoi(e);
  HPACK_DIR = getenv("HPACK_DIR");
  static char defdir[4096];
  if (!HPACK_DIR) {
    /* default: ../../testdata/hpack-test-case/raw-data next to the
       binary's directory (bench/anchors) */
    const char *slash = strrchr(argv[0], '/');
    int dl = slash ? (int)(slash - argv[0]) : 1;
    snprintf(defdir, sizeof defdir,
             "%.*s/../../testdata/hpack-test-case/raw-data", dl,
             slash ? argv[0] : ".");
    HPACK_DIR = defdir;
  }
  CHECK(RUNS >= 1 && RUNS <= 64, "BENCH_RUNS out of range");
  for (size_t i = 0; i < sizeof PATTERN; i++)
    PATTERN[i] = 'y';
  init_callbacks();
  nghttp2_info *info = nghttp2_version(0);
  fprintf(stderr, "nghttp2 %s (headers %s)\n", info->version_str,
          NGHTTP2_VERSION);

  int all = argc < 2 || strcmp(argv[1], "all") == 0;
  const char *list[] = {"W1", "W2", "W3", "W4", "W5"};
  int n = all ? 5 : argc - 1;
  for (int i = 0; i < n; i++) {
    const char *w = all ? list[i] : argv[i + 1];
    if (!strcmp(w, "W1"))
      w1();
    else if (!strcmp(w, "W2"))
      w2();
    else if (!strcmp(w, "W3"))
      w3();
    else if (!strcmp(w, "W4"))
      w4();
    else if (!strcmp(w, "W5"))
      w5();
    else if (!strcmp(w, "idle"))
      printf("idle\n");
    else
      fail("unknown workload %s (want W1 W2 W3 W4 W5 all)", w);
  }
  return 0;
}
