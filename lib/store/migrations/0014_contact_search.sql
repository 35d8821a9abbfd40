-- Schema version 14: contacts are found by --search (member list, member contact list).
-- search_text is a contact's name and e-mail folded as text::fold folds them (lower case, accents
-- removed), one per line; phone_digits the digits of the phone number. nacsa writes both on every
-- insert and change of a contact, and blanks them when a contact's data is erased. Here the
-- contacts already in the store get them from SQL: lower() folds ASCII, and the replacements
-- below, in batches of 12 (SQLite's parser limits nesting), fold the Latin letters U+0080 to
-- U+024F as text::fold does (generated from Unicode's decompositions and case folding). A name
-- in another script stays as written until it is edited (it is still found by e-mail and phone).
ALTER TABLE contact ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE contact ADD COLUMN phone_digits TEXT NOT NULL DEFAULT '';
UPDATE contact SET search_text = lower(name || char(10) || ifnull(email, '')),
    phone_digits = replace(replace(replace(replace(replace(replace(replace(ifnull(phone, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '/', '')
WHERE erased_at IS NULL;
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'µ', 'μ'), 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a'), 'Æ', 'æ'), 'Ç', 'c'), 'È', 'e'), 'É', 'e'), 'Ê', 'e')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ë', 'e'), 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ð', 'ð'), 'Ñ', 'n'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o'), 'Ö', 'o')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ø', 'ø'), 'Ù', 'u'), 'Ú', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Þ', 'þ'), 'ß', 'ss'), 'à', 'a'), 'á', 'a'), 'â', 'a'), 'ã', 'a')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ä', 'a'), 'å', 'a'), 'ç', 'c'), 'è', 'e'), 'é', 'e'), 'ê', 'e'), 'ë', 'e'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ò', 'o'), 'ó', 'o'), 'ô', 'o'), 'õ', 'o'), 'ö', 'o'), 'ù', 'u'), 'ú', 'u'), 'û', 'u'), 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'Ā', 'a')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ā', 'a'), 'Ă', 'a'), 'ă', 'a'), 'Ą', 'a'), 'ą', 'a'), 'Ć', 'c'), 'ć', 'c'), 'Ĉ', 'c'), 'ĉ', 'c'), 'Ċ', 'c'), 'ċ', 'c'), 'Č', 'c')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'č', 'c'), 'Ď', 'd'), 'ď', 'd'), 'Đ', 'đ'), 'Ē', 'e'), 'ē', 'e'), 'Ĕ', 'e'), 'ĕ', 'e'), 'Ė', 'e'), 'ė', 'e'), 'Ę', 'e'), 'ę', 'e')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ě', 'e'), 'ě', 'e'), 'Ĝ', 'g'), 'ĝ', 'g'), 'Ğ', 'g'), 'ğ', 'g'), 'Ġ', 'g'), 'ġ', 'g'), 'Ģ', 'g'), 'ģ', 'g'), 'Ĥ', 'h'), 'ĥ', 'h')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ħ', 'ħ'), 'Ĩ', 'i'), 'ĩ', 'i'), 'Ī', 'i'), 'ī', 'i'), 'Ĭ', 'i'), 'ĭ', 'i'), 'Į', 'i'), 'į', 'i'), 'İ', 'i'), 'Ĳ', 'ĳ'), 'Ĵ', 'j')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ĵ', 'j'), 'Ķ', 'k'), 'ķ', 'k'), 'Ĺ', 'l'), 'ĺ', 'l'), 'Ļ', 'l'), 'ļ', 'l'), 'Ľ', 'l'), 'ľ', 'l'), 'Ŀ', 'ŀ'), 'Ł', 'ł'), 'Ń', 'n')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ń', 'n'), 'Ņ', 'n'), 'ņ', 'n'), 'Ň', 'n'), 'ň', 'n'), 'ŉ', 'ʼn'), 'Ŋ', 'ŋ'), 'Ō', 'o'), 'ō', 'o'), 'Ŏ', 'o'), 'ŏ', 'o'), 'Ő', 'o')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ő', 'o'), 'Œ', 'œ'), 'Ŕ', 'r'), 'ŕ', 'r'), 'Ŗ', 'r'), 'ŗ', 'r'), 'Ř', 'r'), 'ř', 'r'), 'Ś', 's'), 'ś', 's'), 'Ŝ', 's'), 'ŝ', 's')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ş', 's'), 'ş', 's'), 'Š', 's'), 'š', 's'), 'Ţ', 't'), 'ţ', 't'), 'Ť', 't'), 'ť', 't'), 'Ŧ', 'ŧ'), 'Ũ', 'u'), 'ũ', 'u'), 'Ū', 'u')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ū', 'u'), 'Ŭ', 'u'), 'ŭ', 'u'), 'Ů', 'u'), 'ů', 'u'), 'Ű', 'u'), 'ű', 'u'), 'Ų', 'u'), 'ų', 'u'), 'Ŵ', 'w'), 'ŵ', 'w'), 'Ŷ', 'y')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ŷ', 'y'), 'Ÿ', 'y'), 'Ź', 'z'), 'ź', 'z'), 'Ż', 'z'), 'ż', 'z'), 'Ž', 'z'), 'ž', 'z'), 'ſ', 's'), 'Ɓ', 'ɓ'), 'Ƃ', 'ƃ'), 'Ƅ', 'ƅ')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ɔ', 'ɔ'), 'Ƈ', 'ƈ'), 'Ɖ', 'ɖ'), 'Ɗ', 'ɗ'), 'Ƌ', 'ƌ'), 'Ǝ', 'ǝ'), 'Ə', 'ə'), 'Ɛ', 'ɛ'), 'Ƒ', 'ƒ'), 'Ɠ', 'ɠ'), 'Ɣ', 'ɣ'), 'Ɩ', 'ɩ')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ɨ', 'ɨ'), 'Ƙ', 'ƙ'), 'Ɯ', 'ɯ'), 'Ɲ', 'ɲ'), 'Ɵ', 'ɵ'), 'Ơ', 'o'), 'ơ', 'o'), 'Ƣ', 'ƣ'), 'Ƥ', 'ƥ'), 'Ʀ', 'ʀ'), 'Ƨ', 'ƨ'), 'Ʃ', 'ʃ')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ƭ', 'ƭ'), 'Ʈ', 'ʈ'), 'Ư', 'u'), 'ư', 'u'), 'Ʊ', 'ʊ'), 'Ʋ', 'ʋ'), 'Ƴ', 'ƴ'), 'Ƶ', 'ƶ'), 'Ʒ', 'ʒ'), 'Ƹ', 'ƹ'), 'Ƽ', 'ƽ'), 'Ǆ', 'ǆ')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ǅ', 'ǆ'), 'Ǉ', 'ǉ'), 'ǈ', 'ǉ'), 'Ǌ', 'ǌ'), 'ǋ', 'ǌ'), 'Ǎ', 'a'), 'ǎ', 'a'), 'Ǐ', 'i'), 'ǐ', 'i'), 'Ǒ', 'o'), 'ǒ', 'o'), 'Ǔ', 'u')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ǔ', 'u'), 'Ǖ', 'u'), 'ǖ', 'u'), 'Ǘ', 'u'), 'ǘ', 'u'), 'Ǚ', 'u'), 'ǚ', 'u'), 'Ǜ', 'u'), 'ǜ', 'u'), 'Ǟ', 'a'), 'ǟ', 'a'), 'Ǡ', 'a')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ǡ', 'a'), 'Ǣ', 'æ'), 'ǣ', 'æ'), 'Ǥ', 'ǥ'), 'Ǧ', 'g'), 'ǧ', 'g'), 'Ǩ', 'k'), 'ǩ', 'k'), 'Ǫ', 'o'), 'ǫ', 'o'), 'Ǭ', 'o'), 'ǭ', 'o')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ǯ', 'ʒ'), 'ǯ', 'ʒ'), 'ǰ', 'j'), 'Ǳ', 'ǳ'), 'ǲ', 'ǳ'), 'Ǵ', 'g'), 'ǵ', 'g'), 'Ƕ', 'ƕ'), 'Ƿ', 'ƿ'), 'Ǹ', 'n'), 'ǹ', 'n'), 'Ǻ', 'a')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ǻ', 'a'), 'Ǽ', 'æ'), 'ǽ', 'æ'), 'Ǿ', 'ø'), 'ǿ', 'ø'), 'Ȁ', 'a'), 'ȁ', 'a'), 'Ȃ', 'a'), 'ȃ', 'a'), 'Ȅ', 'e'), 'ȅ', 'e'), 'Ȇ', 'e')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ȇ', 'e'), 'Ȉ', 'i'), 'ȉ', 'i'), 'Ȋ', 'i'), 'ȋ', 'i'), 'Ȍ', 'o'), 'ȍ', 'o'), 'Ȏ', 'o'), 'ȏ', 'o'), 'Ȑ', 'r'), 'ȑ', 'r'), 'Ȓ', 'r')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ȓ', 'r'), 'Ȕ', 'u'), 'ȕ', 'u'), 'Ȗ', 'u'), 'ȗ', 'u'), 'Ș', 's'), 'ș', 's'), 'Ț', 't'), 'ț', 't'), 'Ȝ', 'ȝ'), 'Ȟ', 'h'), 'ȟ', 'h')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'Ƞ', 'ƞ'), 'Ȣ', 'ȣ'), 'Ȥ', 'ȥ'), 'Ȧ', 'a'), 'ȧ', 'a'), 'Ȩ', 'e'), 'ȩ', 'e'), 'Ȫ', 'o'), 'ȫ', 'o'), 'Ȭ', 'o'), 'ȭ', 'o'), 'Ȯ', 'o')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, 'ȯ', 'o'), 'Ȱ', 'o'), 'ȱ', 'o'), 'Ȳ', 'y'), 'ȳ', 'y'), 'Ⱥ', 'ⱥ'), 'Ȼ', 'ȼ'), 'Ƚ', 'ƚ'), 'Ⱦ', 'ⱦ'), 'Ɂ', 'ɂ'), 'Ƀ', 'ƀ'), 'Ʉ', 'ʉ')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
UPDATE contact SET search_text = replace(replace(replace(replace(replace(replace(search_text, 'Ʌ', 'ʌ'), 'Ɇ', 'ɇ'), 'Ɉ', 'ɉ'), 'Ɋ', 'ɋ'), 'Ɍ', 'ɍ'), 'Ɏ', 'ɏ')
WHERE erased_at IS NULL AND search_text GLOB '*[^ -~]*';
