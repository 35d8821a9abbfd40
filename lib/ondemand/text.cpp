// SPDX-License-Identifier: Apache-2.0
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <memory>
#include <mutex>

#include "ondemand/module.hpp"

namespace nacsa::ondemand {

namespace {

icu::UnicodeString unicode(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

}  // namespace

std::string fold(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* const nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::UnicodeString decomposed = nfd->normalize(unicode(utf8), status);
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) {
            stripped.append(c);
        }
        i += U16_LENGTH(c);
    }
    stripped.foldCase();
    std::string out;
    stripped.toUTF8String(out);
    return out;
}

std::optional<std::string> to_ascii(std::string_view utf8) {
    static const std::unique_ptr<icu::Transliterator> rules = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        return U_FAILURE(status) ? nullptr : std::move(t);
    }();
    if (!rules) {
        return std::nullopt;
    }
    icu::UnicodeString text = unicode(utf8);
    rules->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
}

std::size_t display_width(std::string_view utf8) {
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    std::size_t width = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            width += 4;  // shown as \xNN
            continue;
        }
        const auto type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) {
            continue;
        }
        const auto eaw =
            static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
        width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

std::optional<std::string> collation_key(std::string_view utf8, const std::string& language) {
    static std::mutex lock;
    static std::map<std::string, std::unique_ptr<icu::Collator>> collators;
    const std::lock_guard<std::mutex> guard(lock);
    auto& collator = collators[language];
    if (!collator) {
        UErrorCode status = U_ZERO_ERROR;
        collator.reset(icu::Collator::createInstance(icu::Locale(language.c_str()), status));
        if (U_FAILURE(status) || !collator) {
            collator.reset();
            return std::nullopt;
        }
        collator->setStrength(icu::Collator::TERTIARY);
    }
    const icu::UnicodeString input = unicode(utf8);
    std::string key(64, '\0');
    int32_t needed = collator->getSortKey(input, reinterpret_cast<uint8_t*>(key.data()),
                                          static_cast<int32_t>(key.size()));
    if (needed > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(needed));
        needed = collator->getSortKey(input, reinterpret_cast<uint8_t*>(key.data()), needed);
    }
    key.resize(needed > 0 ? static_cast<std::size_t>(needed - 1) : 0);  // drop the final NUL
    return key;
}

std::string upper(std::int32_t code_point) {
    std::string out;
    icu::UnicodeString(u_toupper(code_point)).toUTF8String(out);
    return out;
}

std::string country(const std::string& code, const std::string& language) {
    const icu::Locale region("", code.c_str());
    icu::UnicodeString name;
    region.getDisplayCountry(icu::Locale(language.c_str()), name);
    std::string out;
    name.toUTF8String(out);
    return out;
}

}  // namespace nacsa::ondemand
