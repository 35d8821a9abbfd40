// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "core/hash_index.hpp"

using nacsa::HashIndex;

namespace {

std::vector<int> all_of(const HashIndex<int>& index, std::uint64_t hash) {
    std::vector<int> out;
    (void)index.for_each(hash, [&](int v) {
        out.push_back(v);
        return false;
    });
    return out;
}

}  // namespace

TEST_CASE("HashIndex: finds what was added, and nothing else") {
    HashIndex<int> index;
    CHECK(index.find(42) == nullptr);
    CHECK(all_of(index, 42).empty());
    index.add(42, 1);
    index.add(0, 2);  // 0 is a hash like any other
    index.add(1, 3);  // and so is the value 0 is stored as
    REQUIRE(index.find(42) != nullptr);
    CHECK(*index.find(42) == 1);
    CHECK(all_of(index, 0) == std::vector<int>{2, 3});  // 0 and 1 share a slot value
    CHECK(index.find(43) == nullptr);
    CHECK(index.size() == 3);
    *index.find(42) = 7;
    CHECK(*index.find(42) == 7);
    index.clear();
    CHECK(index.find(42) == nullptr);
    CHECK(index.size() == 0);
}

TEST_CASE("HashIndex: values of one hash come oldest first, through growth and wrap-around") {
    // Few distinct hashes, all at the very top of the range and so all starting from the
    // last slot: one long cluster that wraps around the end of the table, rebuilt many times
    // as it grows.
    std::mt19937_64 random(7);
    HashIndex<int> index;
    std::map<std::uint64_t, std::vector<int>> expected;
    for (int v = 0; v < 5000; ++v) {
        const std::uint64_t hash = ~std::uint64_t{0} - random() % 50;
        index.add(hash, v);
        expected[hash].push_back(v);
        if (v % 251 == 0) {
            for (const auto& [h, values] : expected) {
                REQUIRE(all_of(index, h) == values);
            }
        }
    }
    for (const auto& [h, values] : expected) {
        CHECK(all_of(index, h) == values);
        CHECK(*index.find(h) == values.front());
    }
    CHECK(index.find(~std::uint64_t{0} - 50) == nullptr);
    CHECK(index.size() == 5000);
}

TEST_CASE("HashIndex: for_each stops at the first value the caller accepts") {
    HashIndex<int> index;
    index.reserve(1000);
    for (int v = 0; v < 5; ++v) {
        index.add(9, v);
    }
    int visited = 0;
    CHECK(index.for_each(9, [&](int v) {
        ++visited;
        return v == 2;
    }));
    CHECK(visited == 3);
    CHECK_FALSE(index.for_each(9, [](int v) { return v == 9; }));
}

TEST_CASE("HashIndex: random hashes against a reference") {
    std::mt19937_64 random(11);
    HashIndex<std::int64_t> index;
    index.reserve(70'001);  // a table of no power-of-two size, grown once past it
    std::multimap<std::uint64_t, std::int64_t> reference;
    for (std::int64_t v = 0; v < 100'000; ++v) {
        const std::uint64_t hash = random();
        index.add(hash, v);
        reference.emplace(hash, v);
    }
    for (const auto& [hash, value] : reference) {
        REQUIRE(index.find(hash) != nullptr);
        CHECK(*index.find(hash) == reference.lower_bound(hash)->second);
    }
    int missing = 0;
    for (int i = 0; i < 10'000; ++i) {
        const std::uint64_t hash = random();
        missing += reference.count(hash) == 0 && index.find(hash) == nullptr ? 1 : 0;
    }
    CHECK(missing == 10'000);
    CHECK(HashIndex<int>::hash("Fundación") == std::hash<std::string_view>{}("Fundación"));
}
