// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/text.hpp"

using namespace nacsa::text;

TEST_CASE("fold: lower case, accents and case removed") {
    CHECK(fold("Asociación") == "asociacion");
    CHECK(fold("ÑANDÚ") == "nandu");
    CHECK(fold("Œuvre Ça") == "œuvre ca");
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("ABC def") == "abc def");
    CHECK(fold("") == "");
    CHECK(fold("Fundación") == fold("FUNDACION"));
}

TEST_CASE("fold: the shortcut for Latin letters gives what ICU gives for the whole text") {
    // Every character the lookup table holds, alone and between others.
    std::vector<std::string> pool = {"a", "Z", " ", "-", "0", "'", "\t"};
    for (char32_t c = 0x80; c < 0x250; ++c) {
        std::string utf8;
        if (c < 0x800) {
            utf8 += static_cast<char>(0xC0 | (c >> 6));
            utf8 += static_cast<char>(0x80 | (c & 0x3F));
        }
        CAPTURE(static_cast<unsigned>(c));
        CHECK(fold(utf8) == detail::fold_with_icu(utf8));
        pool.push_back(utf8);
    }
    // Things that make the shortcut give way to ICU: combining marks (after a letter of the
    // table or an ASCII one), other scripts, and bytes that are not UTF-8.
    for (const char* other : {"\u0301", "\u0327\u0301", "\u0130", "\u03A3", "\u1E09", "\u4E2D",
                              "\U0001F600", "\xC3", "\xFF", "\u0307"}) {
        pool.push_back(other);
    }
    std::uint32_t state = 12345;
    const auto next = [&] {
        state = state * 1103515245u + 12345u;
        return (state >> 16) & 0x7FFF;
    };
    for (int n = 0; n < 20000; ++n) {
        std::string text;
        const auto length = next() % 8;
        for (std::uint32_t i = 0; i < length; ++i) {
            text += pool[next() % pool.size()];
        }
        CAPTURE(text);
        REQUIRE(fold(text) == detail::fold_with_icu(text));
    }
}

TEST_CASE("slugify: stable ASCII ids from names") {
    CHECK(slugify("Fundación Paz Ciudadana") == "fundacion-paz-ciudadana");
    CHECK(slugify("  Red  Ñuble -- Biobío! ") == "red-nuble-biobio");
    CHECK(slugify("ONG «Mujeres & Niñas» 2026") == "ong-mujeres-ninas-2026");
    CHECK(slugify("L'Œuvre de Łódź") == "l-oeuvre-de-lodz");
    CHECK(slugify("Straße") == "strasse");
    CHECK(slugify("東京") == "dong-jing");
    CHECK(slugify("") == "");
    CHECK(is_slug(slugify("Corporación Opción")));
}

TEST_CASE("is_slug") {
    CHECK(is_slug("fundacion-paz-ciudadana"));
    CHECK(is_slug("a1"));
    CHECK_FALSE(is_slug(""));
    CHECK_FALSE(is_slug("-a"));
    CHECK_FALSE(is_slug("a-"));
    CHECK_FALSE(is_slug("a--b"));
    CHECK_FALSE(is_slug("A"));
    CHECK_FALSE(is_slug("a_b"));
    CHECK_FALSE(is_slug("ñ"));
}

TEST_CASE("UTF-8 validity") {
    CHECK(is_valid_utf8("Ñuble 東京 🎉"));
    CHECK_FALSE(is_valid_utf8("caf\xe9"));
    CHECK(invalid_utf8_offset("ab\xc3") == 2);
    CHECK(invalid_utf8_offset("\xed\xa0\x80") == 0);  // a surrogate
    CHECK(invalid_utf8_offset("\xc0\xaf") == 0);      // overlong
    CHECK(invalid_utf8_offset("ok") == std::string_view::npos);
    // A bad byte or a good sequence at every place in and around the 8-byte ASCII steps.
    for (std::size_t length = 0; length < 40; ++length) {
        const std::string ascii(length, 'a');
        CHECK(invalid_utf8_offset(ascii) == std::string_view::npos);
        for (std::size_t at = 0; at <= length; ++at) {
            const std::string before = ascii.substr(0, at);
            const std::string after = ascii.substr(at);
            const auto around = [&](const char* middle) {
                std::string s = before;
                s += middle;
                s += after;
                return s;
            };
            CHECK(invalid_utf8_offset(around("\xff")) == at);
            CHECK(invalid_utf8_offset(around("\xc3\xb1")) == std::string_view::npos);
            CHECK(invalid_utf8_offset(around("\xc3\xb1\xe9")) == at + 2);
        }
    }
}

TEST_CASE("escape_control: nothing that can drive a terminal gets through") {
    CHECK(escape_control("plain Ñuble") == "plain Ñuble");
    CHECK(escape_control("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(escape_control("tab\there") == "tab\\x09here");
    CHECK(escape_control("a\nb") == "a\\x0ab");
    CHECK(escape_control("a\nb\tc", KeepNewlines::yes) == "a\nb\tc");
    CHECK(escape_control("a\rb", KeepNewlines::yes) == "a\\x0db");
    CHECK(escape_control("del\x7f") == "del\\x7f");
    CHECK(escape_control("\xc2\x9b"
                         "31m") == "\\u009b31m");  // C1 CSI
    CHECK(escape_control("abc\xe2\x80\xae"
                         "fdp.exe") == "abc\\u202efdp.exe");  // right-to-left override
    CHECK(escape_control("\xe2\x81\xa6x") == "\\u2066x");
    CHECK(escape_control("bad\xff") == "bad\\xff");
}

TEST_CASE("display_width counts terminal columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("Ñandú") == 5);
    CHECK(display_width("Nandu\xcc\x81") == 5);  // u + combining acute
    CHECK(display_width("東京") == 4);
    CHECK(display_width("") == 0);
}

TEST_CASE("collation_key sorts as a reader of the language expects") {
    std::vector<std::string> names{"Zorro", "Ñandú", "Nube", "árbol", "Avión", "Oso", "Ángel"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return collation_key(a, "es") < collation_key(b, "es");
    });
    CHECK(names ==
          std::vector<std::string>{"Ángel", "árbol", "Avión", "Nube", "Ñandú", "Oso", "Zorro"});
    // Bytewise, accented names would go last.
    CHECK(std::string("Ángel") > std::string("Zorro"));
    std::vector<std::string> fr{"été", "Eté", "etre", "zèbre", "Été"};
    std::sort(fr.begin(), fr.end(), [](const std::string& a, const std::string& b) {
        return collation_key(a, "fr") < collation_key(b, "fr");
    });
    CHECK(fr.back() == "zèbre");
    CHECK(collation_key("abc", "en") < collation_key("abd", "en"));
}

TEST_CASE("trim, split_list, join") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("") == "");
    CHECK(split_list(" untoc | firearms||  ", '|') ==
          std::vector<std::string>{"untoc", "firearms"});
    CHECK(split_list("", ',').empty());
    CHECK(split_list("a", ',') == std::vector<std::string>{"a"});
    CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
    CHECK(join({}, ", ") == "");
}

TEST_CASE("as_sentence capitalises the first letter in any script and ends with a full stop") {
    CHECK(nacsa::text::as_sentence("the committee has 2 seats") == "The committee has 2 seats.");
    CHECK(nacsa::text::as_sentence("équilibre entre les genres") == "Équilibre entre les genres.");
    CHECK(nacsa::text::as_sentence("ñandú?") == "Ñandú?");
    CHECK(nacsa::text::as_sentence("Done.") == "Done.");
    CHECK(nacsa::text::as_sentence("40 %") == "40 %.");
    CHECK(nacsa::text::as_sentence("").empty());
}

namespace {

// `ascii` as UTF-16 or UTF-32 code units of the given width, little- or big-endian.
std::string wide(std::string_view ascii, int width, bool little) {
    std::string out;
    for (const char c : ascii) {
        std::string unit(static_cast<std::size_t>(width), '\0');
        unit[little ? 0 : unit.size() - 1] = c;
        out += unit;
    }
    return out;
}

std::string named(std::string_view head) {
    const auto p = nacsa::text::encoding_problem(head);
    return p ? p->message.english().substr(0, p->message.english().find(';')) : "";
}

}  // namespace

TEST_CASE("encoding: UTF-8 passes; UTF-16, UTF-32, Latin-1 and binary input are named") {
    using nacsa::text::encoding_problem;
    CHECK_FALSE(encoding_problem("name,type\nCafé,ngo\n"));
    CHECK_FALSE(encoding_problem("\xEF\xBB\xBFname\n"));
    CHECK_FALSE(encoding_problem("Caf\xC3"));  // a sequence cut by the end of the head
    CHECK_FALSE(encoding_problem(""));
    const std::string text = "name,type\nUno,ngo\n";
    CHECK(named("\xFF\xFE" + wide(text, 2, true)) == "is UTF-16 (little-endian) text");
    CHECK(named("\xFE\xFF" + wide(text, 2, false)) == "is UTF-16 (big-endian) text");
    CHECK(named(wide(text, 2, true)) == "is UTF-16 (little-endian) text");
    CHECK(named(wide(text, 2, false)) == "is UTF-16 (big-endian) text");
    CHECK(named(std::string("\xFF\xFE\0\0", 4) + wide(text, 4, true)) ==
          "is UTF-32 (little-endian) text");
    CHECK(named(wide(text, 4, true)) == "is UTF-32 (little-endian) text");
    CHECK(named(wide(text, 4, false)) == "is UTF-32 (big-endian) text");
    const auto latin1 = encoding_problem("name\nCaf\xE9,Se\xF1or\n");
    REQUIRE(latin1);
    CHECK(latin1->message.english().starts_with(
        "is Latin-1 or Windows-1252 text; nacsa reads UTF-8"));
    CHECK(latin1->message.english().find("iconv -f WINDOWS-1252 -t UTF-8") != std::string::npos);
    CHECK(latin1->offset == 8);
    CHECK(nacsa::text::line_column("name\nCaf\xE9", 8) == std::pair{2, 4});
    // Valid and invalid sequences together: UTF-8 with damage, left to the readers to locate.
    CHECK_FALSE(encoding_problem("Caf\xC3\xA9 caf\xE9"));
    const auto binary = encoding_problem(std::string("PK\x03\x04\0\0\x14\0\x08\0", 10));
    REQUIRE(binary);
    CHECK(binary->binary);
    CHECK(binary->offset == 4);
}

TEST_CASE("encoding: a byte-order mark inside the text is found, not one at its start") {
    using nacsa::text::inner_bom_offset;
    CHECK(inner_bom_offset("\xEF\xBB\xBFname\n") == std::string_view::npos);
    CHECK(inner_bom_offset("a\n\xEF\xBB\xBF b") == 2);
    CHECK(inner_bom_offset("a\xEF\xBB\xBF", 0) == 1);
}
