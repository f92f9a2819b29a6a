/*
 * A simulated parallel filesystem: a read-only FUSE passthrough of SOURCE that makes every metadata
 * operation last a fixed latency and counts the operations.
 *
 *   pfs-passthrough SOURCE MOUNTPOINT LATENCY_MS STATS_SOCKET
 *
 * Metadata operations (lookup/getattr, open, opendir, readdir, readlink) each take LATENCY_MS from
 * the moment the request reaches this process, as a round trip to a metadata server would; data
 * reads pass through untouched. The mount has no client-side metadata caching (entry, negative and
 * attribute timeouts 0), so every lookup and stat reaches this process; file data stays in the page
 * cache (kernel_cache) and reading it asks for nothing, like a client's data cache. libfuse's
 * high-level API serves the kernel's lookup as getattr, so both count as "getattr".
 *
 * Each request runs in one of libfuse's threads and waits for an absolute deadline with 1 ns timer
 * slack, so concurrent clients wait in parallel (a metadata server that is not saturated) and the
 * latency is close to the one asked for. C rather than python-fuse: python-fuse's own cost here was
 * ~0.2 ms per operation on a loaded 2-core VM, as much as the 0.2 ms being simulated.
 *
 * Connecting to STATS_SOCKET returns the counts so far as one JSON object. With PFS_TRACE=FILE in
 * its environment it also appends a line "OPERATION PATH" to FILE for each metadata operation (to see
 * which paths a launch walks). Runs in the foreground; unmount with `umount MOUNTPOINT` or stop it
 * with SIGTERM.
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum counter { GETATTR, OPEN, OPENDIR, READDIR, READLINK, READ, COUNTERS };
static const char *const counter_names[COUNTERS] = {"getattr", "open", "opendir", "readdir", "readlink", "read"};
static unsigned long counts[COUNTERS];

static int source_fd;
static long latency_ns;
static FILE *trace;

/* Counts a metadata operation on PATH and returns the moment it may answer. */
static struct timespec metadata(enum counter which, const char *path)
{
    struct timespec deadline;
    __atomic_fetch_add(&counts[which], 1, __ATOMIC_RELAXED);
    if (trace != NULL) {
        fprintf(trace, "%s %s\n", counter_names[which], path);
    }
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += latency_ns;
    deadline.tv_sec += deadline.tv_nsec / 1000000000L;
    deadline.tv_nsec %= 1000000000L;
    return deadline;
}

static int answer(struct timespec deadline, int result)
{
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR) {
    }
    return result;
}

/* SOURCE-relative path of a FUSE path ("/" is the source itself). */
static const char *relative(const char *path)
{
    return path[1] == '\0' ? "." : path + 1;
}

static int result_of(int rc)
{
    return rc < 0 ? -errno : rc;
}

static int pfs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
    struct timespec deadline = metadata(GETATTR, path);
    int rc = fi ? fstat((int)fi->fh, st) : fstatat(source_fd, relative(path), st, AT_SYMLINK_NOFOLLOW);
    return answer(deadline, result_of(rc));
}

static int pfs_readlink(const char *path, char *buffer, size_t size)
{
    struct timespec deadline = metadata(READLINK, path);
    ssize_t length = readlinkat(source_fd, relative(path), buffer, size - 1);
    if (length >= 0) {
        buffer[length] = '\0';
    }
    return answer(deadline, length < 0 ? -errno : 0);
}

static int pfs_open(const char *path, struct fuse_file_info *fi)
{
    struct timespec deadline = metadata(OPEN, path);
    if ((fi->flags & O_ACCMODE) != O_RDONLY) {
        return answer(deadline, -EROFS);
    }
    int fd = openat(source_fd, relative(path), fi->flags);
    fi->fh = (uint64_t)fd;
    return answer(deadline, fd < 0 ? -errno : 0);
}

static int pfs_read(const char *path, char *buffer, size_t size, off_t offset, struct fuse_file_info *fi)
{
    (void)path;
    __atomic_fetch_add(&counts[READ], 1, __ATOMIC_RELAXED);
    ssize_t length = pread((int)fi->fh, buffer, size, offset);
    return length < 0 ? -errno : (int)length;
}

static int pfs_release(const char *path, struct fuse_file_info *fi)
{
    (void)path;
    close((int)fi->fh);
    return 0;
}

static int pfs_opendir(const char *path, struct fuse_file_info *fi)
{
    struct timespec deadline = metadata(OPENDIR, path);
    int fd = openat(source_fd, relative(path), O_RDONLY | O_DIRECTORY);
    DIR *directory = fd < 0 ? NULL : fdopendir(fd);
    if (directory == NULL && fd >= 0) {
        close(fd);
    }
    fi->fh = (uint64_t)(uintptr_t)directory;
    return answer(deadline, directory == NULL ? -errno : 0);
}

static int pfs_readdir(const char *path, void *buffer, fuse_fill_dir_t fill, off_t offset, struct fuse_file_info *fi,
                       enum fuse_readdir_flags flags)
{
    (void)flags;
    struct timespec deadline = metadata(READDIR, path);
    DIR *directory = (DIR *)(uintptr_t)fi->fh;
    seekdir(directory, offset);
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        struct stat st = {.st_ino = entry->d_ino, .st_mode = (mode_t)DTTOIF(entry->d_type)};
        if (fill(buffer, entry->d_name, &st, telldir(directory), 0)) {
            break;
        }
    }
    return answer(deadline, 0);
}

static int pfs_releasedir(const char *path, struct fuse_file_info *fi)
{
    (void)path;
    closedir((DIR *)(uintptr_t)fi->fh);
    return 0;
}

static int pfs_statfs(const char *path, struct statvfs *st)
{
    (void)path;
    return result_of(fstatvfs(source_fd, st));
}

static void *pfs_init(struct fuse_conn_info *connection, struct fuse_config *config)
{
    /* With attributes that expire at once, auto_inval_data makes the kernel ask for them before every
     * read of cached data: a getattr per read(2), which a parallel filesystem's client (holding a lock
     * on the file) does not pay. */
    connection->want &= ~FUSE_CAP_AUTO_INVAL_DATA;
    config->use_ino = 1;
    config->entry_timeout = 0;
    config->negative_timeout = 0;
    config->attr_timeout = 0;
    config->kernel_cache = 1;
    return NULL;
}

static void *serve_stats(void *socket_path)
{
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, socket_path, sizeof address.sun_path - 1);
    unlink(address.sun_path);
    if (server < 0 || bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 4) < 0) {
        perror("pfs-passthrough: stats socket");
        exit(1);
    }
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0) {
            continue;
        }
        char text[512];
        int length = 0;
        unsigned long metadata_total = 0;
        for (int i = 0; i < COUNTERS; i++) {
            unsigned long count = __atomic_load_n(&counts[i], __ATOMIC_RELAXED);
            metadata_total += i == READ ? 0 : count;
            length += snprintf(text + length, sizeof text - (size_t)length, "%s\"%s\": %lu", i ? ", " : "{", counter_names[i], count);
        }
        length += snprintf(text + length, sizeof text - (size_t)length, ", \"metadata\": %lu}\n", metadata_total);
        if (write(client, text, (size_t)length) < 0) {
            perror("pfs-passthrough: stats reply");
        }
        close(client);
    }
    return NULL;
}

static const struct fuse_operations operations = {
    .init = pfs_init,
    .getattr = pfs_getattr,
    .readlink = pfs_readlink,
    .open = pfs_open,
    .read = pfs_read,
    .release = pfs_release,
    .opendir = pfs_opendir,
    .readdir = pfs_readdir,
    .releasedir = pfs_releasedir,
    .statfs = pfs_statfs,
};

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s SOURCE MOUNTPOINT LATENCY_MS STATS_SOCKET\n", argv[0]);
        return 2;
    }
    source_fd = open(argv[1], O_RDONLY | O_DIRECTORY);
    if (source_fd < 0) {
        perror(argv[1]);
        return 1;
    }
    latency_ns = (long)(strtod(argv[3], NULL) * 1e6);
    const char *trace_path = getenv("PFS_TRACE");
    if (trace_path != NULL && (trace = fopen(trace_path, "a")) == NULL) {
        perror(trace_path);
        return 1;
    }
    if (trace != NULL) {
        setvbuf(trace, NULL, _IOLBF, 0);
    }
    /* libfuse's worker threads inherit the slack: sleeps end within microseconds of the deadline */
    prctl(PR_SET_TIMERSLACK, 1UL);
    pthread_t stats;
    pthread_create(&stats, NULL, serve_stats, argv[4]);
    char *fuse_argv[] = {argv[0], argv[2], "-f", "-o", "ro,allow_other,fsname=simulated-pfs,max_threads=64", NULL};
    return fuse_main(5, fuse_argv, &operations, NULL);
}
