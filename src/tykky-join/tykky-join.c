/*
 * tykky-join: enters the user and mount namespaces of an installation's keeper and execs a program
 * there, so that a launch shares the keeper's squashfs mount instead of mounting the image again.
 *
 *   tykky-join RECORD LOCK-FD CWD PROGRAM ARGV0 [ARGS...]
 *   tykky-join --detach PROGRAM [ARGS...]
 *
 * RECORD is the keeper record written by the launcher ("PID STARTTIME PREFIX\n"). LOCK-FD is the
 * keeper's lock, held shared by the launcher so that the keeper cannot end before this process is
 * inside its namespaces (the keeper counts the processes there); it is closed once inside. The
 * environment passes through unchanged: the launcher has already made it the program's.
 *
 * --detach starts a keeper: it forks, the child leaves the session, goes to / and closes every
 * descriptor above 4 (3 and 4 are the keeper's ready pipe and lock), then execs PROGRAM; the parent
 * exits at once, so the keeper is nobody's child and the launch that started it can become its
 * program without an unexpected child of its own.
 *
 * Why C and not the launcher itself: setns(CLONE_NEWUSER) needs a single-threaded caller, and a .NET
 * process always runs a finalizer thread. util-linux nsenter is single-threaded too, but after
 * setns(CLONE_NEWNS) the kernel resets the cwd to the namespace's root, its -w opens the directory in
 * the caller's namespace (getcwd then fails), and it cannot give the program an argv[0] other than
 * its path. This is the whole of what a joined launch needs, in one exec.
 *
 * Security: the keeper's user namespace is owned by the user who started it, and setns into a user
 * namespace needs CAP_SYS_ADMIN over it, so nobody else can join (the kernel refuses with EPERM).
 * The start time in RECORD guards against a reused pid. Joining gives every capability inside that
 * namespace; they are all dropped before the exec (bounding and ambient sets included) and
 * no_new_privs is set, as bubblewrap does for the per-launch sandbox.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The launcher's exit codes (src/Tykky.Launcher/Diagnostics/ExitCodes.cs). */
enum { EXIT_USAGE = 64, EXIT_UNAVAILABLE = 69, EXIT_CANNOT_EXECUTE = 126, EXIT_NOT_FOUND = 127 };

/* One write(2) of the whole line: the caller's stderr may be a file shared with other writers. */
static void die(int code, const char *what, const char *object, int error)
{
    char line[4096];
    int length = snprintf(line, sizeof line, "tykky: %s '%s': %s\n", what, object, error ? strerror(error) : "invalid");
    if (length > (int)sizeof line - 1)
        length = sizeof line - 1;
    if (write(2, line, (size_t)length) < 0) {
        /* nothing more to do: stderr itself is gone */
    }
    _exit(code);
}

static ssize_t read_file(const char *path, char *buffer, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t total = 0, n;
    while ((size_t)total < size - 1 && (n = read(fd, buffer + total, size - 1 - (size_t)total)) > 0)
        total += n;
    close(fd);
    buffer[total] = '\0';
    return total;
}

/* Field 22 of /proc/PID/stat (after the command name, which may hold spaces and parentheses). */
static int start_time_of(long pid, char *out, size_t size)
{
    char path[64], stat[4096];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (read_file(path, stat, sizeof stat) <= 0)
        return -1;
    char *field = strrchr(stat, ')');
    for (int i = 2; field && i < 22; i++)
        field = strchr(field + 1, ' ');
    if (!field)
        return -1;
    size_t length = strcspn(field + 1, " ");
    if (length == 0 || length >= size)
        return -1;
    memcpy(out, field + 1, length);
    out[length] = '\0';
    return 0;
}

static void drop_privileges(void)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        die(EXIT_UNAVAILABLE, "cannot set no_new_privs in", "the keeper's namespace", errno);
    for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
            die(EXIT_UNAVAILABLE, "cannot drop capabilities in", "the keeper's namespace", errno);
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0)
        die(EXIT_UNAVAILABLE, "cannot drop capabilities in", "the keeper's namespace", errno);
}

static void enter(long pid, const char *kind, int type)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/ns/%s", pid, kind);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, type) != 0)
        die(EXIT_UNAVAILABLE, "cannot join the installation's keeper", path, errno);
    close(fd);
}

static int detach(char **argv)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        die(EXIT_UNAVAILABLE, "cannot fork to start", argv[0], errno);
    if (pid > 0)
        return 0;
    /* The keeper's bubblewrap runs with --die-with-parent (its init then ends with it, and squashfuse
     * with the pid namespace); that must not fire for this exiting parent, so wait until it is gone. */
    while (getppid() == parent)
        usleep(1000);
    setsid();
    if (chdir("/") != 0)
        _exit(EXIT_UNAVAILABLE);
    if (syscall(SYS_close_range, 5U, ~0U, 0) != 0) {
        for (int fd = 5; fd < 1024; fd++)
            close(fd);
    }
    extern char **environ;
    execve(argv[0], argv, environ);
    _exit(EXIT_CANNOT_EXECUTE);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--detach") == 0)
        return detach(argv + 2);
    if (argc < 6)
        die(EXIT_USAGE, "usage: tykky-join RECORD LOCK-FD CWD PROGRAM ARGV0 [ARGS...]; the launcher runs it,", "tykky-join", 0);
    const char *record = argv[1], *cwd = argv[3], *program = argv[4];
    int lock_fd = atoi(argv[2]);

    char text[128], expected[32], actual[32];
    long pid;
    if (read_file(record, text, sizeof text) <= 0 || sscanf(text, "%ld %31s", &pid, expected) != 2 || pid <= 1)
        die(EXIT_UNAVAILABLE, "cannot read the keeper record", record, errno);
    if (start_time_of(pid, actual, sizeof actual) != 0 || strcmp(actual, expected) != 0)
        die(EXIT_UNAVAILABLE, "the installation's keeper has ended", record, ESRCH);

    enter(pid, "user", CLONE_NEWUSER);
    enter(pid, "mnt", CLONE_NEWNS);
    drop_privileges();
    if (lock_fd > 2)
        close(lock_fd); /* inside now: the keeper counts this process */

    /* setns(CLONE_NEWNS) moved the cwd to the namespace's root: go back by path, inside. */
    if (chdir(cwd) != 0)
        die(EXIT_UNAVAILABLE, "cannot enter the working directory in the installation's keeper", cwd, errno);

    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    extern char **environ;
    execve(program, argv + 5, environ); /* argv[5] is the program's argv[0] */
    die(errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXECUTE, "cannot execute", program, errno);
    return EXIT_CANNOT_EXECUTE;
}
