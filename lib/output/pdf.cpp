// SPDX-License-Identifier: Apache-2.0
#include "output/pdf.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/message.hpp"

extern char** environ;

namespace nacsa::output {

namespace fs = std::filesystem;

namespace {

constexpr auto k_engine_time_limit = std::chrono::seconds(120);

// What to install, said in every "no engine" error.
constexpr const char* k_install_hint =
    N_("install one (Debian: apt install weasyprint, or apt install chromium) or name one with "
       "--pdf-engine PROGRAM or NACSA_PDF_ENGINE");

std::optional<PdfEngineKind> kind_of(const std::string& program) {
    const auto name = fs::path(program).filename().string();
    if (name.find("weasyprint") != std::string::npos) {
        return PdfEngineKind::weasyprint;
    }
    if (name.find("chrom") != std::string::npos) {  // chromium, chromium-browser, google-chrome
        return PdfEngineKind::chromium;
    }
    return std::nullopt;
}

// A private folder under TMPDIR, removed with what is in it when this goes.
class PrivateFolder {
  public:
    PrivateFolder() {
        auto pattern = (fs::temp_directory_path() / "nacsa-pdf-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw CantCreateError(msg("cannot make a temporary folder for the PDF engine in {}: {}",
                                      fs::temp_directory_path().string(), std::strerror(errno)));
        }
        m_path = pattern;
    }
    ~PrivateFolder() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    PrivateFolder(const PrivateFolder&) = delete;
    PrivateFolder& operator=(const PrivateFolder&) = delete;
    PrivateFolder(PrivateFolder&&) = delete;
    PrivateFolder& operator=(PrivateFolder&&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }

  private:
    fs::path m_path;
};

void write_private(const fs::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = fd >= 0;
    for (std::size_t done = 0; ok && done < text.size();) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        ok = n > 0 || (n < 0 && errno == EINTR);
        done += n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    if (fd < 0 || ::close(fd) != 0 || !ok) {
        throw CantCreateError(
            msg("cannot write {} for the PDF engine: {}", path.string(), std::strerror(errno)));
    }
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The engine's last words (its log's last lines), for an error.
std::string last_words(const fs::path& log) {
    auto text = read_all(log);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    constexpr std::size_t k_keep = 400;
    return text.size() > k_keep ? "..." + text.substr(text.size() - k_keep) : text;
}

std::vector<std::string> engine_arguments(const PdfEngine& engine, const fs::path& folder) {
    const auto in = (folder / "document.html").string();
    const auto out = (folder / "document.pdf").string();
    if (engine.kind == PdfEngineKind::weasyprint) {
        return {engine.program, "--quiet", "--media-type", "print", in, out};
    }
    std::vector<std::string> args{
        engine.program,           "--headless",
        "--disable-gpu",          "--disable-background-networking",
        "--disable-extensions",   "--no-first-run",
        "--no-pdf-header-footer", "--user-data-dir=" + (folder / "profile").string(),
        "--print-to-pdf=" + out};
    if (::geteuid() == 0) {
        args.emplace_back("--no-sandbox");  // Chromium refuses to run as root with its sandbox
    }
    args.push_back("file://" + in);
    return args;
}

// The environment of the engine: ours, with its home and caches in `folder`, UTC, and the
// creation time for engines that read SOURCE_DATE_EPOCH.
std::vector<std::string> engine_environment(const fs::path& folder, Seconds created) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const auto name = entry.substr(0, entry.find('='));
        if (name != "HOME" && name != "XDG_CONFIG_HOME" && name != "XDG_CACHE_HOME" &&
            name != "TZ" && name != "SOURCE_DATE_EPOCH") {
            env.emplace_back(entry);
        }
    }
    env.push_back("HOME=" + folder.string());
    env.push_back("XDG_CONFIG_HOME=" + (folder / "config").string());
    env.push_back("XDG_CACHE_HOME=" + (folder / "cache").string());
    env.emplace_back("TZ=UTC");
    env.push_back("SOURCE_DATE_EPOCH=" + std::to_string(created.time_since_epoch().count()));
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

// Runs the engine on `folder`/document.html with its output in `log`; its exit status (-1:
// killed by a signal), or nullopt when it ran past the time limit (it is then killed).
std::optional<int> run_engine(const PdfEngine& engine, const fs::path& folder, Seconds created,
                              const fs::path& log) {
    auto args = engine_arguments(engine, folder);
    auto env = engine_environment(folder, created);
    auto argv = c_strings(args);
    auto envp = c_strings(env);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t child = 0;
    const int spawned =
        ::posix_spawn(&child, engine.program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw CantCreateError(
            msg("cannot run the PDF engine {}: {}", engine.program, std::strerror(spawned)));
    }
    const auto deadline = std::chrono::steady_clock::now() + k_engine_time_limit;
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

// YYYYMMDDHHMMSS in UTC, as PDF dates begin.
std::string pdf_date(Seconds time) {
    const std::time_t t = time.time_since_epoch().count();
    std::tm utc{};
    ::gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
    return text;
}

// Chromium stamps the time it printed: the creation and modification dates become `created`,
// written in place (same length, so the cross-reference offsets stay right).
void set_dates(std::string& pdf, Seconds created) {
    const auto stamp = pdf_date(created);
    for (const std::string_view key : {"/CreationDate (D:", "/ModDate (D:"}) {
        for (auto at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
            const auto digits = at + key.size();
            if (digits + stamp.size() <= pdf.size()) {
                pdf.replace(digits, stamp.size(), stamp);
            }
        }
    }
}

}  // namespace

PdfEngine find_pdf_engine(const std::optional<std::string>& requested) {
    if (requested && !requested->empty()) {
        const auto kind = kind_of(*requested);
        if (!kind) {
            throw CantCreateError(
                msg("--pdf-engine: \"{}\" is not a PDF engine nacsa knows (weasyprint, "
                    "chromium, chromium-browser, google-chrome)",
                    *requested));
        }
        const auto program = files::find_program(*requested);
        if (!program) {
            throw CantCreateError(
                msg("the PDF engine \"{}\" is not installed: {}", *requested, msg(k_install_hint)));
        }
        return PdfEngine{*kind, *program};
    }
    for (const char* name : {"weasyprint", "chromium", "chromium-browser", "google-chrome"}) {
        if (const auto program = files::find_program(name)) {
            return PdfEngine{*kind_of(name), *program};
        }
    }
    throw CantCreateError(
        msg("--format pdf needs a PDF engine and none is installed: {}", msg(k_install_hint)));
}

std::string html_to_pdf(const std::string& html, const PdfEngine& engine, Seconds created) {
    const PrivateFolder folder;
    write_private(folder.path() / "document.html", html);
    const auto log = folder.path() / "engine.log";
    const auto status = run_engine(engine, folder.path(), created, log);
    if (!status) {
        throw CantCreateError(msg("the PDF engine {} ran for more than {} seconds and was stopped",
                                  engine.program, k_engine_time_limit.count()));
    }
    auto pdf = read_all(folder.path() / "document.pdf");
    if (*status != 0 || !pdf.starts_with("%PDF-")) {
        throw CantCreateError(msg("the PDF engine {} failed (exit status {}): {}", engine.program,
                                  *status, last_words(log)));
    }
    set_dates(pdf, created);
    return pdf;
}

}  // namespace nacsa::output
