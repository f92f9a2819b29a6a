/*
 * squashfuse-noopen: preloaded into a keeper's squashfuse_ll, it makes the kernel stop sending
 * OPEN, RELEASE, OPENDIR and RELEASEDIR (and, with the directory cache that no-open implies,
 * repeated READDIRs) for the mount: about 1,700 of the 2,300 round trips to squashfuse of a warm
 * python import (bench/local-disk-gap.md).
 *
 * libfuse's contract (fuse_lowlevel.h, open and opendir): a server that answers OPEN with ENOSYS,
 * where the kernel offers FUSE_CAP_NO_OPEN_SUPPORT, makes every later open of the mount succeed in
 * the kernel alone, with file handle 0 and FOPEN_KEEP_CACHE; OPENDIR likewise, with
 * FOPEN_KEEP_CACHE | FOPEN_CACHE_DIR (fs/fuse/file.c, fuse_file_open).
 *
 * squashfuse_ll keeps what its open and opendir look up (the inode) in the file handle and reads it
 * back in read and readdir. So this library wraps the operations squashfuse_ll hands to
 * fuse_session_new: open and opendir answer ENOSYS; a read or readdir that comes with handle 0 gets
 * the handle from squashfuse_ll's own open or opendir, called once per inode with the reply captured
 * (fuse_reply_open is interposed), and kept. Keeping it forever is right because an image never
 * changes under a mount and squashfuse_ll's inode numbers are a function of the image (on 64-bit
 * hosts the inode's position in it, ll_inode.c); it costs one small allocation per file read.
 * Where the kernel does not offer no-open support, or nothing is wrapped, squashfuse_ll works as
 * without this library.
 *
 * The library also remembers squashfuse_ll's last decompressions (block-memo.c): its own caches
 * hold a few blocks, so a fresh mount decompresses the same blocks again and again.
 *
 * Built by build.sh as libexec/squashfuse-noopen.so; the builder copies it into each generation
 * beside tykky-join, and a keeper starts squashfuse_ll with LD_PRELOAD naming it.
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 34
#include <fuse_lowlevel.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef void (*open_op)(fuse_req_t, fuse_ino_t, struct fuse_file_info *);

/* squashfuse_ll's own operations, and whether the kernel offered to go without open(dir). */
static struct fuse_lowlevel_ops original;
static int no_open, no_opendir;

/* Handles by inode, one table for files and directories (an inode is one or the other). */
struct handle { fuse_ino_t ino; uint64_t fh; };
static struct handle *handles;
static size_t handle_slots, handle_count;
static pthread_mutex_t handles_lock = PTHREAD_MUTEX_INITIALIZER;

/* The reply of an open or opendir this library makes on behalf of a read, taken instead of sent. */
static __thread struct { int active, taken; uint64_t fh; } capture;

static size_t slot_of(fuse_ino_t ino, size_t slots)
{
    return (size_t)((ino * 0x9E3779B97F4A7C15ull) >> 32) & (slots - 1);
}

static uint64_t *find(fuse_ino_t ino)
{
    if (handle_slots == 0)
        return NULL;
    for (size_t i = slot_of(ino, handle_slots); handles[i].ino != 0; i = (i + 1) & (handle_slots - 1))
        if (handles[i].ino == ino)
            return &handles[i].fh;
    return NULL;
}

/* Keeps a handle; out of memory, it is not kept (used for this request only). */
static void add(fuse_ino_t ino, uint64_t fh)
{
    if (2 * (handle_count + 1) > handle_slots) {
        size_t slots = handle_slots ? 2 * handle_slots : 1024;
        struct handle *grown = calloc(slots, sizeof *grown);
        if (!grown)
            return;
        for (size_t i = 0; i < handle_slots; i++) {
            if (handles[i].ino == 0)
                continue;
            size_t j = slot_of(handles[i].ino, slots);
            while (grown[j].ino != 0)
                j = (j + 1) & (slots - 1);
            grown[j] = handles[i];
        }
        free(handles);
        handles = grown;
        handle_slots = slots;
    }
    size_t i = slot_of(ino, handle_slots);
    while (handles[i].ino != 0)
        i = (i + 1) & (handle_slots - 1);
    handles[i].ino = ino;
    handles[i].fh = fh;
    handle_count++;
}

int fuse_reply_open(fuse_req_t req, const struct fuse_file_info *fi)
{
    static int (*next)(fuse_req_t, const struct fuse_file_info *);
    if (capture.active) {
        capture.taken = 1;
        capture.fh = fi->fh;
        return 0;
    }
    if (!next)
        next = (int (*)(fuse_req_t, const struct fuse_file_info *))dlsym(RTLD_NEXT, "fuse_reply_open");
    return next(req, fi);
}

/*
 * The handle of inode ino for a read or readdir that came with none: kept, or made by squashfuse_ll's
 * open (or opendir). 0 when that open failed: it has then answered the request with its error.
 */
static int handle_for(fuse_req_t req, fuse_ino_t ino, open_op open, struct fuse_file_info *fi)
{
    pthread_mutex_lock(&handles_lock);
    uint64_t *kept = find(ino);
    if (kept) {
        fi->fh = *kept;
        pthread_mutex_unlock(&handles_lock);
        return 1;
    }
    struct fuse_file_info opened;
    memset(&opened, 0, sizeof opened);
    opened.flags = O_RDONLY;
    capture.active = 1;
    capture.taken = 0;
    open(req, ino, &opened);
    capture.active = 0;
    if (capture.taken)
        add(ino, capture.fh);
    pthread_mutex_unlock(&handles_lock);
    fi->fh = capture.fh;
    return capture.taken;
}

static void wrapped_init(void *userdata, struct fuse_conn_info *conn)
{
    no_open = (conn->capable & FUSE_CAP_NO_OPEN_SUPPORT) != 0;
    no_opendir = (conn->capable & FUSE_CAP_NO_OPENDIR_SUPPORT) != 0;
    if (original.init)
        original.init(userdata, conn);
}

static void wrapped_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    /* writes are refused by the read-only mount before they get here */
    if (no_open)
        fuse_reply_err(req, ENOSYS);
    else
        original.open(req, ino, fi);
}

static void wrapped_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    if (no_opendir)
        fuse_reply_err(req, ENOSYS);
    else
        original.opendir(req, ino, fi);
}

static void wrapped_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
    if (fi->fh != 0 || handle_for(req, ino, original.open, fi))
        original.read(req, ino, size, off, fi);
}

static void wrapped_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
    if (fi->fh != 0 || handle_for(req, ino, original.opendir, fi))
        original.readdir(req, ino, size, off, fi);
}

struct fuse_session *fuse_session_new(struct fuse_args *args, const struct fuse_lowlevel_ops *op, size_t op_size, void *userdata)
{
    static struct fuse_lowlevel_ops wrapped;
    struct fuse_session *(*next)(struct fuse_args *, const struct fuse_lowlevel_ops *, size_t, void *) =
        (struct fuse_session *(*)(struct fuse_args *, const struct fuse_lowlevel_ops *, size_t, void *))dlsym(RTLD_NEXT, "fuse_session_new");
    /* only a server with all four operations, and an operations table this library knows, is changed */
    if (op_size > sizeof original || op_size < offsetof(struct fuse_lowlevel_ops, readdir) + sizeof op->readdir
        || !op->open || !op->read || !op->opendir || !op->readdir)
        return next(args, op, op_size, userdata);
    memcpy(&original, op, op_size);
    wrapped = original;
    wrapped.init = wrapped_init;
    wrapped.open = wrapped_open;
    wrapped.opendir = wrapped_opendir;
    wrapped.read = wrapped_read;
    wrapped.readdir = wrapped_readdir;
    return next(args, &wrapped, op_size, userdata);
}
