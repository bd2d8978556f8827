#ifndef KIOSK_CZLIB_SHIM_H
#define KIOSK_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2/inflateInit2 are macros that pass the library's version and the stream's size;
// Swift cannot call macros, so these wrap them.
static inline int kiosk_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

static inline int kiosk_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
