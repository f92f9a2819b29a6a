/*
 * The block memo of squashfuse-noopen: squashfuse_ll keeps one decompressed data block, three
 * fragment blocks and a few metadata blocks (fs.c: DATA_CACHED_BLKS, FRAG_CACHED_BLKS), so the
 * kernel's reads of a fresh mount make it read and decompress the same blocks again and again: a cold
 * numpy/scipy/pandas import had it decompress 1,271 blocks, 610 of them distinct; with this memo it
 * decompresses 647 (bench/cold-start.md). The memo keeps the last MEMO_SLOTS decompressions: one
 * whose input is byte for byte a kept one's (memcmp, not a hash) gets the kept output, which is what
 * the decompressor would give again, since decompression is a function of its input. Interposed:
 * zstd's ZSTD_decompress and zlib's uncompress, the calls squashfuse makes for the compressors Tykky
 * builds with (zstd, the builder's choice for bubblewrap, and gzip, mksquashfs's default); the other
 * compressors are decompressed as without this library.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* At most 128 blocks, inputs and outputs together at most 32 MiB (128 blocks of 128 KiB, mksquashfs's
 * default block size, take ~16-32 MiB; of 1 MiB, the largest, the memo holds 16). */
#define MEMO_SLOTS 128
#define MEMO_BYTES ((size_t)32 << 20)

/* Inputs at most this large are remembered (squashfs's largest block is 1 MiB). */
#define MEMO_MAX_INPUT (1u << 20)

struct memo {
    unsigned char *input, *output;
    size_t input_size, output_size;
    uint64_t key, used;
};

static struct memo memos[MEMO_SLOTS];
static uint64_t clock_now;
static size_t memo_bytes;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

/* A cheap key to skip most memcmps: the size and the first and last bytes of the input. */
static uint64_t key_of(const unsigned char *input, size_t size)
{
    uint64_t key = 0xcbf29ce484222325ull ^ size;
    size_t head = size < 32 ? size : 32;
    for (size_t i = 0; i < head; i++)
        key = (key ^ input[i]) * 0x100000001b3ull;
    for (size_t i = size - (size < 16 ? size : 16); i < size; i++)
        key = (key ^ input[i]) * 0x100000001b3ull;
    return key;
}

/* Copies the remembered output of input into output (capacity bytes); its size, or -1 when none fits. */
static long long recall(const unsigned char *input, size_t size, uint64_t key, void *output, size_t capacity)
{
    long long found = -1;
    pthread_mutex_lock(&memo_lock);
    for (int i = 0; i < MEMO_SLOTS; i++) {
        struct memo *m = &memos[i];
        if (m->input && m->key == key && m->input_size == size && m->output_size <= capacity && memcmp(m->input, input, size) == 0) {
            memcpy(output, m->output, m->output_size);
            m->used = ++clock_now;
            found = (long long)m->output_size;
            break;
        }
    }
    pthread_mutex_unlock(&memo_lock);
    return found;
}

/* The least recently used remembered decompression, or NULL when none is. */
static struct memo *oldest(void)
{
    struct memo *found = NULL;
    for (int i = 0; i < MEMO_SLOTS; i++)
        if (memos[i].input && (!found || memos[i].used < found->used))
            found = &memos[i];
    return found;
}

static void forget(struct memo *m)
{
    memo_bytes -= m->input_size + m->output_size;
    free(m->input);
    free(m->output);
    m->input = m->output = NULL;
}

/* Remembers a decompression in place of the least recently used ones; out of memory, it is not remembered. */
static void remember(const unsigned char *input, size_t size, uint64_t key, const void *output, size_t output_size)
{
    unsigned char *in = malloc(size), *out = malloc(output_size ? output_size : 1);
    if (!in || !out) {
        free(in);
        free(out);
        return;
    }
    memcpy(in, input, size);
    memcpy(out, output, output_size);
    pthread_mutex_lock(&memo_lock);
    struct memo *slot;
    while (memo_bytes + size + output_size > MEMO_BYTES && (slot = oldest()))
        forget(slot);
    slot = NULL;
    for (int i = 0; i < MEMO_SLOTS && !slot; i++)
        if (!memos[i].input)
            slot = &memos[i];
    if (!slot) {
        slot = oldest();
        forget(slot);
    }
    *slot = (struct memo){ in, out, size, output_size, key, ++clock_now };
    memo_bytes += size + output_size;
    pthread_mutex_unlock(&memo_lock);
}

size_t ZSTD_decompress(void *dst, size_t capacity, const void *src, size_t size)
{
    static size_t (*next)(void *, size_t, const void *, size_t);
    static unsigned (*is_error)(size_t);
    if (!next) {
        is_error = (unsigned (*)(size_t))dlsym(RTLD_NEXT, "ZSTD_isError");
        next = (size_t (*)(void *, size_t, const void *, size_t))dlsym(RTLD_NEXT, "ZSTD_decompress");
    }
    if (size == 0 || size > MEMO_MAX_INPUT || !is_error)
        return next(dst, capacity, src, size);
    uint64_t key = key_of(src, size);
    long long recalled = recall(src, size, key, dst, capacity);
    if (recalled >= 0)
        return (size_t)recalled;
    size_t made = next(dst, capacity, src, size);
    if (!is_error(made))
        remember(src, size, key, dst, made);
    return made;
}

int uncompress(unsigned char *dst, unsigned long *capacity, const unsigned char *src, unsigned long size)
{
    static int (*next)(unsigned char *, unsigned long *, const unsigned char *, unsigned long);
    if (!next)
        next = (int (*)(unsigned char *, unsigned long *, const unsigned char *, unsigned long))dlsym(RTLD_NEXT, "uncompress");
    if (size == 0 || size > MEMO_MAX_INPUT)
        return next(dst, capacity, src, size);
    uint64_t key = key_of(src, size);
    long long recalled = recall(src, size, key, dst, *capacity);
    if (recalled >= 0) {
        *capacity = (unsigned long)recalled;
        return 0; /* Z_OK */
    }
    int result = next(dst, capacity, src, size);
    if (result == 0)
        remember(src, size, key, dst, *capacity);
    return result;
}
