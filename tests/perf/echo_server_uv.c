/* The echo server of the ping-pong benchmark in plain C on libuv: the ceiling.
 *
 *   echo_server_uv [port [try]]   listens on 127.0.0.1 (port 0 or absent: any free port),
 *                                 prints the bound port on stdout once listening, then
 *                                 echoes every byte back until killed.
 *
 * uv_tcp, alloc/read/write and nothing else. Reads land in one buffer for the whole loop
 * (as netbed's OS backend does); each read is copied into one malloc'd block holding the
 * write request and the bytes, freed when the write completes: one allocation per message.
 *
 * With `try` (pingpong's "uv-try"), each echo first goes through uv_try_write, and only what
 * the kernel did not take is queued with uv_write: what Node does, and netbed's OS backend.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

typedef struct {
  uv_write_t req;
  uv_buf_t buf;
  char data[];
} write_req_t;

static char read_buffer[64 * 1024];
static int use_try_write;

static void on_alloc(uv_handle_t* handle, size_t suggested, uv_buf_t* buf) {
  (void)handle;
  (void)suggested;
  *buf = uv_buf_init(read_buffer, sizeof read_buffer);
}

static void on_closed(uv_handle_t* handle) { free(handle); }

static void on_written(uv_write_t* req, int status) {
  (void)status;
  free(req);
}

static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
  if (nread > 0) {
    const char* data = buf->base;
    write_req_t* w;
    if (use_try_write) {
      uv_buf_t b = uv_buf_init(buf->base, (unsigned)nread);
      int n = uv_try_write(stream, &b, 1);
      if (n == nread)
        return;
      if (n > 0) {
        data += n;
        nread -= n;
      }
    }
    w = malloc(sizeof *w + (size_t)nread);
    memcpy(w->data, data, (size_t)nread);
    w->buf = uv_buf_init(w->data, (unsigned)nread);
    if (uv_write(&w->req, stream, &w->buf, 1, on_written) < 0) {
      free(w);
      uv_close((uv_handle_t*)stream, on_closed);
    }
  } else if (nread < 0) {
    uv_close((uv_handle_t*)stream, on_closed);
  }
}

static void on_connection(uv_stream_t* server, int status) {
  if (status < 0)
    return;
  uv_tcp_t* client = malloc(sizeof *client);
  uv_tcp_init(server->loop, client);
  if (uv_accept(server, (uv_stream_t*)client) == 0)
    uv_read_start((uv_stream_t*)client, on_alloc, on_read);
  else
    uv_close((uv_handle_t*)client, on_closed);
}

int main(int argc, char** argv) {
  int port = argc > 1 ? atoi(argv[1]) : 0;
  uv_loop_t* loop = uv_default_loop();
  uv_tcp_t server;
  struct sockaddr_in addr;
  struct sockaddr_storage bound;
  int len = sizeof bound;
  int r;
  use_try_write = argc > 2 && strcmp(argv[2], "try") == 0;
  uv_tcp_init(loop, &server);
  uv_ip4_addr("127.0.0.1", port, &addr);
  r = uv_tcp_bind(&server, (const struct sockaddr*)&addr, 0);
  if (r == 0)
    r = uv_listen((uv_stream_t*)&server, 511, on_connection);
  if (r == 0)
    r = uv_tcp_getsockname(&server, (struct sockaddr*)&bound, &len);
  if (r != 0) {
    fprintf(stderr, "echo_server_uv: listen: %s\n", uv_strerror(r));
    return 1;
  }
  printf("%d\n", ntohs(((struct sockaddr_in*)&bound)->sin_port));
  fflush(stdout);
  return uv_run(loop, UV_RUN_DEFAULT);
}
