// CSV import: comma-separated numeric columns plus one label column, into a Dataset.
// Parses text already in memory (the caller reads the file), so it works the same
// natively and in WASM. Every rejection names the line (1-based, as an editor shows
// it), the column (1-based) and the offending value, quoted (nn::quoted).
// Everything a file may declare is bounded before it is stored (size_limits.h): bytes, rows,
// columns (a record stops at kMaxCsvColumns + 1 fields: a 25,000,000-column line used to
// take 1.8 GB of wasm memory) and the length of a column name.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "arch.h"
#include "dataset.h"
#include "error.h"

namespace nn {
namespace {

struct Field {
    std::string text;
    bool quoted = false;
};
struct Record {
    size_t line = 0;  // line where the record starts
    std::vector<Field> fields;
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Splits `text` into records. Quoted fields may hold commas, "" escapes and newlines;
// unquoted fields are trimmed; blank lines are skipped; \r\n and \r-less files both work.
class Reader {
public:
    explicit Reader(std::string_view t) : t_(t) {
        if (t_.size() >= 3 && t_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 BOM
    }

    // Returns false at the end of input.
    bool next(Record& r) {
        while (pos_ < t_.size()) {
            r.line = line_;
            r.fields.clear();
            bool blank = read_record(r);
            if (!blank) return true;
        }
        return false;
    }

private:
    std::string_view t_;
    size_t pos_ = 0, line_ = 1;

    // Reads one record up to and including its line end. Returns true if it was blank.
    bool read_record(Record& r) {
        bool any = false;
        while (true) {
            Field f;
            while (pos_ < t_.size() && is_space(t_[pos_])) ++pos_;
            if (pos_ < t_.size() && t_[pos_] == '"') {
                f.quoted = true;
                size_t start_line = line_;
                ++pos_;
                while (true) {
                    if (pos_ >= t_.size())
                        throw Error("line " + std::to_string(start_line) +
                                    ": a quoted field is never closed (missing '\"')");
                    char c = t_[pos_++];
                    if (c == '"') {
                        if (pos_ < t_.size() && t_[pos_] == '"') {
                            f.text += '"';
                            ++pos_;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') ++line_;
                        f.text += c;
                    }
                }
                while (pos_ < t_.size() && is_space(t_[pos_])) ++pos_;
                if (pos_ < t_.size() && t_[pos_] != ',' && t_[pos_] != '\n' && t_[pos_] != '\r')
                    throw Error("line " + std::to_string(line_) + ", column " +
                                std::to_string(r.fields.size() + 1) +
                                ": unexpected text after a closing quote");
            } else {
                size_t start = pos_;
                while (pos_ < t_.size() && t_[pos_] != ',' && t_[pos_] != '\n' && t_[pos_] != '\r')
                    ++pos_;
                size_t end = pos_;
                while (end > start && is_space(t_[end - 1])) --end;
                f.text.assign(t_.substr(start, end - start));
            }
            any = any || f.quoted || !f.text.empty();
            if (r.fields.size() >= kMaxCsvColumns)
                throw Error("line " + std::to_string(r.line) + ": more than " +
                            format_thousands(int64_t(kMaxCsvColumns)) + " columns; the limit is " +
                            format_thousands(int64_t(kMaxCsvColumns)) + " (" +
                            format_thousands(kMaxTrainWidth) + " inputs and a label)");
            r.fields.push_back(std::move(f));
            if (pos_ < t_.size() && t_[pos_] == ',') {
                ++pos_;
                any = true;  // a line holding only commas is a (ragged) record, not blank
                continue;
            }
            // end of line or input
            if (pos_ < t_.size() && t_[pos_] == '\r') ++pos_;
            if (pos_ < t_.size() && t_[pos_] == '\n') ++pos_;
            ++line_;
            return !any;
        }
    }
};

std::string lower(std::string s) {
    for (char& c : s) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

enum class NumStatus { ok, empty, not_number, not_finite };

// Strict decimal: [+-]digits[.digits][(e|E)[+-]digits]. strtod alone would also take
// hex, "inf", "nan" and leading junk; we pre-check the characters and require that
// strtod consumed everything. The file is ASCII numbers, so the C locale's '.' applies.
NumStatus parse_number(const std::string& s, double& out) {
    if (s.empty()) return NumStatus::empty;
    std::string l = lower(s);
    if (!l.empty() && (l[0] == '+' || l[0] == '-')) l.erase(0, 1);
    if (l == "nan" || l == "inf" || l == "infinity") return NumStatus::not_finite;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return NumStatus::not_number;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return NumStatus::not_number;
    if (!std::isfinite(v)) return NumStatus::not_finite;
    out = v;
    return NumStatus::ok;
}

bool all_digits(const std::string& s) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

Dataset parse_csv(std::string_view text, const CsvOptions& opt) {
    if (text.size() > kMaxCsvBytes)
        throw Error("CSV is " + format_thousands(int64_t(text.size())) + " bytes; the limit is " +
                    format_thousands(int64_t(kMaxCsvBytes)) + " bytes (" +
                    format_bytes(int64_t(kMaxCsvBytes)) + ")");
    if (!(opt.train_ratio > 0 && opt.train_ratio <= 1))
        throw Error("train ratio must be in (0, 1] (the share of rows used for training), got " +
                    std::to_string(opt.train_ratio));

    check_not_utf16(text, "CSV");
    Reader reader(text);
    Record rec;
    if (!reader.next(rec)) throw Error("CSV is empty: expected comma-separated numeric columns");

    // Header: the first record holds a field that is not a number.
    std::vector<std::string> names;
    bool header = false;
    for (const Field& f : rec.fields) {
        double v;
        if (parse_number(f.text, v) == NumStatus::not_number) header = true;
    }
    size_t cols = rec.fields.size();
    if (header)
        for (const Field& f : rec.fields) {
            const size_t col = names.size() + 1;
            // Names become the model's feature names: the writer's and reader's limits.
            if (size_t bad = invalid_utf8_at(f.text); bad != std::string::npos)
                throw Error("line " + std::to_string(rec.line) + ", column " + std::to_string(col) +
                            ": the name " + quoted(f.text, '"') + " is not UTF-8 text (byte " +
                            std::to_string(bad + 1) + "); save the file as UTF-8");
            if (f.text.size() > kMaxNameBytes)
                throw Error("line " + std::to_string(rec.line) + ", column " + std::to_string(col) +
                            ": the name " + quoted(f.text, '"') + " is " +
                            format_thousands(int64_t(f.text.size())) + " bytes; a column name is at most " +
                            format_thousands(int64_t(kMaxNameBytes)));
            names.push_back(f.text);
        }
    if (cols < 2)
        throw Error("line " + std::to_string(rec.line) + ": need at least 2 columns (inputs and a "
                    "label) separated by commas, got 1");

    // Label column: by name, else by 0-based index, "" = last.
    size_t label_col = cols - 1;
    if (!opt.label_column.empty()) {
        bool found = false;
        for (size_t j = 0; j < names.size(); ++j)
            if (names[j] == opt.label_column) {
                label_col = j;
                found = true;
                break;
            }
        if (!found) {
            if (all_digits(opt.label_column)) {
                size_t idx = size_t(std::stoul(opt.label_column));
                if (idx >= cols)
                    throw Error("label column " + opt.label_column /* digits only */ + " is out of range: the file "
                                "has " + std::to_string(cols) + " columns (0-based indices 0.." +
                                std::to_string(cols - 1) + ")");
                label_col = idx;
            } else if (header) {
                throw Error("label column " + quoted(opt.label_column) + " not found; the columns are: " +
                            quoted_list(names) + " (or give a 0-based index)");
            } else {
                throw Error("label column " + quoted(opt.label_column) + " not found: the file has no "
                            "header, so give a 0-based index 0.." + std::to_string(cols - 1));
            }
        }
    }

    auto where = [&](size_t line, size_t col) {
        std::string s = "line " + std::to_string(line) + ", column " + std::to_string(col + 1);
        if (header) s += " (" + quoted(names[col], '"') + ")";
        return s;
    };

    std::vector<float> x;
    std::vector<double> labels;
    size_t inputs = cols - 1;
    {
        // Room for every row at once (lines bound the rows from above), not the doubling
        // growth that needs up to 3x the data while it copies.
        size_t lines = 1;
        for (char c : text) lines += c == '\n';
        lines = std::min(lines, kMaxCsvRows + 1);
        // Each value takes at least 2 bytes ("1,"), which bounds what a file can declare.
        x.reserve(std::min(lines * inputs, text.size() / 2 + inputs));
        labels.reserve(lines);
    }
    bool have = !header;  // the first record is data when there is no header
    while (true) {
        if (!have && !reader.next(rec)) break;
        have = false;
        if (rec.fields.size() != cols)
            throw Error("line " + std::to_string(rec.line) + ": expected " + std::to_string(cols) +
                        " columns, got " + std::to_string(rec.fields.size()) +
                        " (the separator is a comma)");
        if (labels.size() >= kMaxCsvRows)
            throw Error("CSV has more than " + format_thousands(int64_t(kMaxCsvRows)) +
                        " data rows (the limit); line " + std::to_string(rec.line) +
                        " is one too many");
        for (size_t j = 0; j < cols; ++j) {
            double v = 0;
            switch (parse_number(rec.fields[j].text, v)) {
                case NumStatus::ok: break;
                case NumStatus::empty:
                    throw Error(where(rec.line, j) + ": empty value; every field must be a number");
                case NumStatus::not_finite:
                    throw Error(where(rec.line, j) + ": " + quoted(rec.fields[j].text) +
                                " is not allowed; values must be finite numbers");
                case NumStatus::not_number:
                    throw Error(where(rec.line, j) + ": " + quoted(rec.fields[j].text) +
                                " is not a number");
            }
            if (j == label_col) {
                labels.push_back(v);
            } else {
                float f = float(v);
                if (!std::isfinite(f))
                    throw Error(where(rec.line, j) + ": " + quoted(rec.fields[j].text) +
                                " is too large for a 32-bit float (max about 3.4e38)");
                x.push_back(f);
            }
        }
    }
    if (labels.empty())
        throw Error(header ? "CSV has a header but no data rows" : "CSV has no data rows");

    // Classification when every label is a non-negative integer and there are at most
    // 1000 classes; otherwise (or when forced) regression.
    int classes = 0;
    if (!opt.regression) {
        double mx = 0;
        bool ints = true;
        for (double v : labels) {
            if (!(v >= 0 && v == std::floor(v) && v < 1000)) {
                ints = false;
                break;
            }
            if (v > mx) mx = v;
        }
        if (ints) classes = int(mx) + 1 < 2 ? 2 : int(mx) + 1;
    }
    Dataset d = make_dataset_raw(std::move(x), std::move(labels), inputs, classes,
                                 opt.train_ratio, opt.seed);
    if (header) {
        d.input_names.clear();
        for (size_t j = 0; j < cols; ++j)
            if (j != label_col) d.input_names.push_back(names[j]);
    }
    return d;
}

}  // namespace nn
