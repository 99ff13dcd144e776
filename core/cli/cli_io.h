// The CLI's file and stream handling: reading an input file within a size limit, writing
// an output file so that the old one survives any failure, and checking that standard
// output was really written. Every failure is an nn::Error (or WriteError) with the path
// quoted; nothing here aborts. Other commands (core/cli/*.cpp) use the same functions.
#pragma once
#include <cstddef>
#include <string>

#include "error.h"

namespace nn::cli {

// Exit codes, listed in `nnplay help` and docs/cli.md.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailed = 1,    // an input file is unreadable or invalid; the run failed
    kExitUsage = 2,     // a bad flag or value
    kExitDiverged = 3,  // training diverged
    kExitWrite = 4,     // an output could not be written (--save, standard output)
    kExitInternal = 5,  // out of memory or an internal error (a bug: please report it)
};

// The whole CLI (core/cli/nnplay.cpp): argv[1] is the command. Never throws: every
// failure is a message on stderr and one of the codes above.
int nnplay_main(int argc, char** argv);
// Set by the fuzz target: commands check their flags and read and parse their files, then
// return before training, evaluating or writing anything.
extern bool g_dry_run;

// An output that could not be written: exit code 4.
class WriteError : public Error {
public:
    using Error::Error;
};

// The whole file, refused before reading if it is a directory or over `limit` bytes
// (pipes and devices are read up to limit + 1 bytes). `what` names it: "CSV file".
std::string read_file(const std::string& path, size_t limit, const char* what);

// Throws nn::Error if `path` cannot be an output file (a directory, a folder that does not
// exist): checked before a long run, so the run is not wasted.
void check_output_path(const std::string& path, const char* what);

// Writes `text` to a temporary file in the target's folder, flushes it to disk and renames
// it over `path`: the old file stays whole until the new one is complete, whatever happens
// (a full disk, an error, Ctrl-C or a kill). A symlink is followed (its target is
// replaced); a device or FIFO (/dev/stdout, /dev/full) is written directly. Throws
// WriteError naming the path and the system's reason.
void write_file_atomic(const std::string& path, const std::string& text, const char* what);

// Call first in main(): a closed stdin/stdout/stderr (`>&-`) is reopened on /dev/null with
// the wrong direction, so no file the CLI opens later gets descriptor 1 (printf would
// write into it) and every write to the closed stream fails and is reported.
void guard_std_streams();

// Call last: flushes stdout; if any write to it failed (a full disk, a closed stream),
// prints why on stderr and returns kExitWrite (unless rc already says a failure).
int finish_output(int rc);

}  // namespace nn::cli
