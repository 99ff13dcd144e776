// Why the writes go through a temporary file: `nnplay train --save m.json` used to
// truncate m.json before serialising, so any failure (an exception, Ctrl-C, a full disk)
// left 0 bytes where the old model was (issue 12).
#include "cli_io.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <climits>
#include <linux/limits.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "arch.h"

namespace nn::cli {
namespace {

std::string why() { return std::strerror(errno); }

// The temporary file being written, removed by the signal handler if the run is
// interrupted (a fixed buffer: the handler may only call async-signal-safe functions).
char g_temp_path[PATH_MAX + 64] = {0};

extern "C" void on_fatal_signal(int sig) {
    if (g_temp_path[0]) unlink(g_temp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

void install_cleanup_handlers() {
    static bool done = false;
    if (done) return;
    done = true;
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
        struct sigaction sa {};
        sigaction(sig, nullptr, &sa);
        if (sa.sa_handler == SIG_IGN) continue;  // nohup: keep ignoring
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0;
        sigaction(sig, &sa, nullptr);
    }
}

std::string dir_of(const std::string& path) {
    std::vector<char> b(path.begin(), path.end());
    b.push_back('\0');
    return dirname(b.data());
}
std::string base_of(const std::string& path) {
    std::vector<char> b(path.begin(), path.end());
    b.push_back('\0');
    return basename(b.data());
}

void write_all(int fd, const std::string& text) {
    size_t off = 0;
    while (off < text.size()) {
        ssize_t n = ::write(fd, text.data() + off, text.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw errno;
        }
        off += size_t(n);
    }
}

bool g_stdout_was_closed = false;

}  // namespace

std::string read_file(const std::string& path, size_t limit, const char* what) {
    const std::string name = std::string(what) + " " + nn::quoted(path, '\'', 200);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error("cannot open " + name + ": " + why());
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (fstat(fd, &st) != 0) throw Error("cannot read " + name + ": " + why());
    if (S_ISDIR(st.st_mode)) throw Error(name + " is a directory; give a file");
    auto too_big = [&](const std::string& size) {
        return Error(name + " is " + size + " bytes; the limit is " +
                     format_thousands(int64_t(limit)) + " bytes (" + format_bytes(int64_t(limit)) + ")");
    };
    if (S_ISREG(st.st_mode) && uint64_t(st.st_size) > limit)
        throw too_big(format_thousands(int64_t(st.st_size)));
    std::string out;
    if (S_ISREG(st.st_mode)) out.reserve(size_t(st.st_size));
    // Read to the end (a pipe has no size; a regular file may grow), never past limit + 1.
    char buf[1 << 16];
    while (true) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error("cannot read " + name + ": " + why());
        }
        if (n == 0) break;
        out.append(buf, size_t(n));
        if (out.size() > limit) throw too_big("more than " + format_thousands(int64_t(limit)));
    }
    return out;
}

void check_output_path(const std::string& path, const char* what) {
    const std::string name = std::string(what) + " " + nn::quoted(path, '\'', 200);
    if (path.empty()) throw Error(std::string(what) + ": the file name is empty");
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) throw Error(name + " is a directory; give a file name");
        return;
    }
    if (path.back() == '/') throw Error(name + " names a folder; give a file name");
    const std::string dir = dir_of(path);
    if (stat(dir.c_str(), &st) != 0)
        throw Error(name + ": its folder " + nn::quoted(dir, '\'', 200) + " does not exist");
    if (!S_ISDIR(st.st_mode))
        throw Error(name + ": " + nn::quoted(dir, '\'', 200) + " is not a folder");
}

void write_file_atomic(const std::string& path, const std::string& text, const char* what) {
    const std::string name = std::string(what) + " " + nn::quoted(path, '\'', 200);
    auto fail = [&](int err, const char* doing) {
        return WriteError("cannot write " + name + " (" + doing + "): " + std::strerror(err) +
                          "; the old file, if any, is unchanged");
    };
    install_cleanup_handlers();
    std::string target = path;
    struct stat lst {}, st {};
    bool exists = false;
    if (lstat(path.c_str(), &lst) == 0) {
        if (S_ISLNK(lst.st_mode)) {
            char* real = realpath(path.c_str(), nullptr);
            if (!real)
                throw WriteError("cannot write " + name + ": it is a symbolic link to a missing file");
            target = real;
            std::free(real);
        }
        exists = stat(target.c_str(), &st) == 0;
    }
    if (exists && S_ISDIR(st.st_mode)) throw WriteError(name + " is a directory; give a file name");
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or FIFO (/dev/stdout, /dev/full): renaming over it would replace it.
        int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) throw fail(errno, "open");
        try {
            write_all(fd, text);
        } catch (int err) {
            ::close(fd);
            throw WriteError("cannot write " + name + ": " + std::strerror(err));
        }
        if (::close(fd) != 0) throw WriteError("cannot write " + name + ": " + why());
        return;
    }

    const std::string dir = dir_of(target);
    std::string tmpl = dir + "/." + base_of(target) + ".tmp-XXXXXX";
    if (tmpl.size() >= sizeof g_temp_path) throw WriteError("cannot write " + name + ": the path is too long");
    std::vector<char> tmp(tmpl.begin(), tmpl.end());
    tmp.push_back('\0');
    // Block the cleanup signals while the temp name is being recorded.
    sigset_t block, old;
    sigemptyset(&block);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&block, sig);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(tmp.data());
    int err = errno;
    if (fd >= 0) std::memcpy(g_temp_path, tmp.data(), tmp.size());
    sigprocmask(SIG_SETMASK, &old, nullptr);
    if (fd < 0) throw fail(err, "create a temporary file in its folder");
    auto abandon = [&](int e, const char* doing) {
        ::close(fd);
        unlink(tmp.data());
        g_temp_path[0] = 0;
        return fail(e, doing);
    };
    // The new file gets the old one's permissions, or the usual 0666 less the umask.
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) != 0) throw abandon(errno, "set permissions");
    try {
        write_all(fd, text);
    } catch (int e) {
        throw abandon(e, "write");
    }
    if (fsync(fd) != 0) throw abandon(errno, "flush to disk");
    if (::close(fd) != 0) {
        int e = errno;
        unlink(tmp.data());
        g_temp_path[0] = 0;
        throw fail(e, "close");
    }
    if (rename(tmp.data(), target.c_str()) != 0) {
        int e = errno;
        unlink(tmp.data());
        g_temp_path[0] = 0;
        throw fail(e, "rename the temporary file into place");
    }
    g_temp_path[0] = 0;
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);  // make the rename durable
    if (dfd >= 0) {
        fsync(dfd);
        ::close(dfd);
    }
}

void guard_std_streams() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // open() returns the lowest free descriptor: this one. Opened for the other
        // direction, so using the stream fails (EBADF) instead of silently succeeding.
        int got = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got != fd && got >= 0) ::close(got);
        if (fd == 1) g_stdout_was_closed = true;
    }
}

int finish_output(int rc) {
    bool failed = std::fflush(stdout) != 0 || std::ferror(stdout);
    int err = errno;
    if (failed) {
        std::fprintf(stderr, "nnplay: cannot write to standard output: %s\n",
                     g_stdout_was_closed ? "it is closed" : std::strerror(err));
        return rc == kExitOk ? kExitWrite : rc;
    }
    return rc;
}

}  // namespace nn::cli
