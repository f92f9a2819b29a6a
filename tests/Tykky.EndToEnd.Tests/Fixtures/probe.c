/* A test program installed into wrapped installations: it reports exactly what it received.
 *   probe argv          argv[0..n] to stdout, each followed by a NUL byte
 *   probe env NAME...   NAME=value lines for the named variables ("NAME unset" when unset)
 *   probe exit N        exits with status N
 *   probe signal N      kills itself with signal N
 *   probe cat           copies stdin to stdout
 *   probe files P...    copies each file P to stdout, one after the other (exits 1 at one it cannot open)
 *   probe yes           writes "y\n" forever, ignoring write errors (ends only through SIGPIPE)
 *   probe sleep N       sleeps N seconds
 *   probe status        prints /proc/self/status
 *   probe write PATH    tries to create PATH; prints "written" or the error
 *   probe readlink P... each link's text on a line ("error: TEXT" when P is no link)
 *   probe list DIR      the entries of DIR, sorted, one per line (dot files too, not . and ..)
 *   probe fds PATH      writes to PATH what each of fds 0-2 is (its /proc/self/fd link target, or
 *                       "closed"), then "open N TARGET" for every other open descriptor */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "argv";
    if (strcmp(mode, "argv") == 0) {
        for (int i = 0; i < argc; i++) fwrite(argv[i], 1, strlen(argv[i]) + 1, stdout);
        return 0;
    }
    if (strcmp(mode, "env") == 0) {
        for (int i = 2; i < argc; i++) {
            const char *v = getenv(argv[i]);
            if (v) printf("%s=%s\n", argv[i], v); else printf("%s unset\n", argv[i]);
        }
        return 0;
    }
    if (strcmp(mode, "exit") == 0) return atoi(argv[2]);
    if (strcmp(mode, "signal") == 0) { signal(atoi(argv[2]), SIG_DFL); raise(atoi(argv[2])); return 99; }
    if (strcmp(mode, "cat") == 0) {
        char buf[4096]; size_t n;
        while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
        return 0;
    }
    if (strcmp(mode, "files") == 0) {
        char buf[4096]; size_t n;
        for (int i = 2; i < argc; i++) {
            FILE *file = fopen(argv[i], "rb");
            if (!file) return 1;
            while ((n = fread(buf, 1, sizeof buf, file)) > 0) fwrite(buf, 1, n, stdout);
            fclose(file);
        }
        return 0;
    }
    if (strcmp(mode, "yes") == 0) { for (;;) (void)!write(1, "y\n", 2); }
    if (strcmp(mode, "sleep") == 0) { sleep(atoi(argv[2])); return 0; }
    if (strcmp(mode, "status") == 0) {
        FILE *f = fopen("/proc/self/status", "r"); char line[512];
        while (f && fgets(line, sizeof line, f)) fputs(line, stdout);
        return 0;
    }
    if (strcmp(mode, "write") == 0) {
        FILE *f = fopen(argv[2], "w");
        if (f) { fclose(f); puts("written"); return 0; }
        printf("%s\n", strerror(errno)); return 1;
    }
    if (strcmp(mode, "readlink") == 0) {
        for (int i = 2; i < argc; i++) {
            char target[4096];
            ssize_t n = readlink(argv[i], target, sizeof target - 1);
            if (n < 0) printf("error: %s\n", strerror(errno)); else printf("%.*s\n", (int)n, target);
        }
        return 0;
    }
    if (strcmp(mode, "list") == 0) {
        struct dirent **entries;
        int n = scandir(argv[2], &entries, NULL, alphasort);
        if (n < 0) { printf("error: %s\n", strerror(errno)); return 1; }
        for (int i = 0; i < n; i++) {
            if (strcmp(entries[i]->d_name, ".") != 0 && strcmp(entries[i]->d_name, "..") != 0) puts(entries[i]->d_name);
        }
        return 0;
    }
    if (strcmp(mode, "fds") == 0) {
        /* Look at 0-2 before opening anything, which would take the lowest closed one. */
        char targets[3][256];
        for (int fd = 0; fd <= 2; fd++) {
            char link[64];
            snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
            ssize_t n = readlink(link, targets[fd], sizeof targets[fd] - 1);
            if (n < 0) strcpy(targets[fd], "closed"); else targets[fd][n] = 0;
        }
        FILE *out = fopen(argv[2], "w");
        if (!out) return 3;
        for (int fd = 0; fd <= 2; fd++) fprintf(out, "%d %s\n", fd, targets[fd]);
        DIR *d = opendir("/proc/self/fd");
        struct dirent *e;
        while (d && (e = readdir(d))) {
            int fd = atoi(e->d_name);
            if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d) || fd == fileno(out)) continue;
            char link[64], target[256];
            snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
            ssize_t n = readlink(link, target, sizeof target - 1);
            target[n < 0 ? 0 : n] = 0;
            fprintf(out, "open %d %s\n", fd, target);
        }
        fclose(out);
        return 0;
    }
    fprintf(stderr, "probe: unknown mode %s\n", mode);
    return 2;
}
