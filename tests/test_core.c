#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "agrosim/agrosim.h"
#include "helpers/files.h"
#include "helpers/season.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/text.h"

#include <gsl/gsl_errno.h>

Test(core, strerror_covers_every_code)
{
    for (int s = 0; s >= AGRO_ECANCELED; s--) /* the last code of the enum */
        cr_expect_str_neq(agro_strerror(s), "unknown status", "code %d", s);
    cr_expect_str_eq(agro_strerror(-999), "unknown status");
}

Test(core, message_names_file_line_and_field)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    int rc = agro_fail(ctx, AGRO_ERANGE, "x.WTH", 12, "TMIN", "tmin %.1f > tmax %.1f", 30.0, 20.0);
    cr_expect_eq(rc, AGRO_ERANGE);
    cr_expect_eq(agro_ctx_status(ctx), AGRO_ERANGE);
    char buf[256];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect_str_eq(buf, "x.WTH:12: TMIN: tmin 30.0 > tmax 20.0");
    char tiny[6];
    agro_ctx_message(ctx, tiny, sizeof tiny);
    cr_expect_str_eq(tiny, "x.WTH");
    agro_ctx_free(ctx);
    agro_ctx_free(NULL);
}

/* 1 if the @p n bytes of @p s are valid UTF-8 (no character cut short). */
static int utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        const unsigned c = (unsigned char)s[i];
        const size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* core.h: a message cut to fit (the context's AGRO_MESSAGE_MAX, a caller's small buffer, a
 * prefix that pushes it over) ends between UTF-8 characters. Before, the cut fell anywhere: an
 * unknown JSON key of 750 "é" left the context's message ending in a lone 0xC3, and 863 of the
 * 1025 buffer sizes agro_ctx_message was given cut a character in two. */
Test(core, a_message_cut_to_fit_ends_between_utf8_characters)
{
    static const char *const chars[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x8c\xbd"}; /* é € 🌽 */
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    char text[AGRO_MESSAGE_MAX + 64], full[AGRO_MESSAGE_MAX], buf[AGRO_MESSAGE_MAX + 8];
    for (size_t c = 0; c < 3; c++)
        for (size_t shift = 0; shift < 4; shift++) { /* the cut at each byte of a character */
            size_t len = 0;
            for (size_t i = 0; i < shift; i++) text[len++] = 'a';
            while (len + 4 < sizeof text - 1) {
                memcpy(text + len, chars[c], strlen(chars[c]));
                len += strlen(chars[c]);
            }
            text[len] = '\0';
            for (int prefixed = 0; prefixed < 2; prefixed++) {
                agro_fail(ctx, AGRO_EKEY, NULL, 0, "key", "%s", text);
                if (prefixed)
                    agro_fail_prefix(ctx, "a.json");
                agro_ctx_message(ctx, full, sizeof full);
                const size_t n_full = strlen(full);
                cr_expect(utf8_valid(full, n_full), "char %zu shift %zu prefixed %d: the stored "
                          "message (%zu bytes) ends in a cut character", c, shift, prefixed, n_full);
                cr_expect_geq(n_full, AGRO_MESSAGE_MAX - 1 - 3);
                for (size_t n = 1; n <= n_full + 1; n++) {
                    memset(buf, '#', sizeof buf);
                    cr_assert_eq(agro_ctx_message(ctx, buf, n), AGRO_OK);
                    const char *nul = memchr(buf, '\0', n);
                    cr_assert_not_null(nul, "buffer of %zu bytes not terminated", n);
                    cr_assert_eq(buf[n], '#', "buffer of %zu bytes overrun", n);
                    const size_t got = (size_t)(nul - buf);
                    const size_t want = n - 1 < n_full ? n - 1 : n_full;
                    cr_assert(got <= want && got + 3 >= want && memcmp(buf, full, got) == 0,
                              "buffer of %zu bytes: %zu bytes copied, not a prefix of %zu", n, got, want);
                    cr_assert(utf8_valid(buf, got), "char %zu shift %zu: a buffer of %zu bytes "
                              "ends in a cut character", c, shift, n);
                }
            }
        }
    agro_ctx_free(ctx);
}

/* core.h: the context may be NULL; the status is the same and the message is dropped. */
Test(core, a_null_context_gives_the_same_status_without_a_message)
{
    agro_weather *w = NULL;
    cr_expect_eq(agro_weather_load(NULL, "/nonexistent/X.WTH", &w), AGRO_EIO);
    cr_expect_null(w);
    agro_soil_profile soil;
    cr_expect_eq(agro_soil_load_json(NULL, "/nonexistent/s.json", &soil), AGRO_EIO);
    agro_scenario *sc = NULL;
    /* (a soil file given as a scenario, which the scenario reader names as a soil file) */
    cr_expect_eq(agro_scenario_load(NULL, AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json", &sc),
                 AGRO_EFORMAT);
    cr_expect_null(sc);
    agro_event e;
    memset(&e, 0, sizeof e);
    e.type = AGRO_EVENT_IRRIGATE;
    e.year = 2001;
    e.doy = 100;
    e.amount = -5.0;
    cr_expect_eq(agro_event_check(NULL, &e), AGRO_ERANGE);
    agro_fail_prefix(NULL, "prefix: ");
    cr_expect_eq(agro_ctx_status(NULL), AGRO_EINVAL);
}

Test(core, dates_round_trip_across_leap_years)
{
    int32_t doy, m, d;
    cr_assert_eq(agro_date_to_doy(2024, 3, 1, &doy), AGRO_OK);
    cr_expect_eq(doy, 61);
    cr_expect_eq(agro_date_to_doy(2023, 2, 29, &doy), AGRO_ERANGE);
    agro_doy_to_date(2023, 365, &m, &d);
    cr_expect(m == 12 && d == 31);
    int32_t y = 1999, dd = 360, n;
    agro_date_add(&y, &dd, 10);
    cr_expect(y == 2000 && dd == 5);
    agro_days_between(1999, 360, 2000, 5, &n);
    cr_expect_eq(n, 10);
    y = 2000; dd = 5;
    agro_date_add(&y, &dd, -10);
    cr_expect(y == 1999 && dd == 360);
}

/* Adding n days and counting them back agree for any n, including spans of many 400-year
 * cycles; day counts and years that do not fit an int32_t are errors, not wrapped values. */
Test(core, date_arithmetic_is_consistent_and_rejects_overflow)
{
    const int32_t ns[] = {0, 1, -1, 365, -366, 146097, -146097, 146098, 1000000, -1000000,
                          INT32_MAX / 2, -(INT32_MAX / 2)};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        int32_t y = 2000, d = 60, n = 0;
        cr_assert_eq(agro_date_add(&y, &d, ns[i]), AGRO_OK, "n %d", ns[i]);
        cr_expect(d >= 1 && d <= agro_days_in_year(y), "n %d: doy %d", ns[i], d);
        cr_assert_eq(agro_days_between(2000, 60, y, d, &n), AGRO_OK);
        cr_expect_eq(n, ns[i], "n %d came back as %d (%d-%03d)", ns[i], n, y, d);
    }
    int32_t y = 2000, d = 60, n = 0;
    cr_expect_eq(agro_date_add(&y, &d, 400 * 146097), AGRO_OK); /* 400 cycles = 160,000 years */
    cr_expect(y == 2000 + 160000 && d == 60, "%d-%03d", y, d);
    y = INT32_MAX - 10;
    d = 1;
    cr_expect_eq(agro_date_add(&y, &d, INT32_MAX), AGRO_ERANGE);
    cr_expect_eq(y, INT32_MAX - 10); /* untouched on error */
    cr_expect_eq(agro_days_between(-2000000000, 1, 2000000000, 1, &n), AGRO_ERANGE);
    /* days the calendar lacks are refused, not counted (found by probing the public API) */
    cr_expect_eq(agro_days_between(2001, 0, 2001, 10, &n), AGRO_ERANGE);
    cr_expect_eq(agro_days_between(2001, 1, 2001, 366, &n), AGRO_ERANGE);
    cr_expect_eq(agro_days_between(2000, 1, 2000, 366, &n), AGRO_OK);
    cr_expect_eq(n, 365);
    cr_expect_eq(agro_date_to_doy(2001, 3, 15, NULL), AGRO_EINVAL);
    char buf[8] = "xxxxxxx";
    cr_expect_eq(agro_ctx_message(NULL, buf, sizeof buf), AGRO_EINVAL);
    cr_expect_eq(buf[0], '\0', "the buffer is terminated even without a context");
    y = 2001;
    d = 366;
    cr_expect_eq(agro_date_add(&y, &d, 1), AGRO_EINVAL);
}

Test(params, json_syntax_error_reports_line_and_column)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_json_file f;
    int rc = agro_json_open_text(ctx, "bad.json", "{\n  \"a\": 1,\n  \"b\": ]\n}\n", &f);
    cr_expect_eq(rc, AGRO_EFORMAT);
    char buf[256];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect(strstr(buf, "bad.json:3:") != NULL, "%s", buf);
    cr_expect(strstr(buf, "syntax") != NULL, "%s", buf);
    agro_ctx_free(ctx);
}

Test(params, unknown_key_and_out_of_range_name_the_json_path)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_json_file f;
    const char *text = "{\n \"fields\": [\n  {\"density_pl_m2\": 5},\n"
                       "  {\"density_pl_m2\": 500,\n   \"colour\": 1}\n ]\n}\n";
    cr_assert_eq(agro_json_open_text(ctx, "s.json", text, &f), AGRO_OK);
    agro_json_node root, fields, f1;
    agro_json_root(ctx, &f, &root);
    agro_json_get(ctx, &root, "fields", 1, &fields);
    agro_json_at(&fields, 1, &f1);
    double v;
    int rc = agro_json_number(ctx, &f1, "density_pl_m2", 1, 0, 0.1, 100, &v);
    cr_expect_eq(rc, AGRO_ERANGE);
    char buf[256];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect_str_eq(buf, "s.json:4: fields[1].density_pl_m2: value 500 outside [0.1, 100]");
    static const char *const allowed[] = {"density_pl_m2"};
    rc = agro_json_check_keys(ctx, &f1, allowed, 1);
    cr_expect_eq(rc, AGRO_EKEY);
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect_str_eq(buf, "s.json:5: fields[1].colour: unknown key \"colour\"");
    rc = agro_json_number(ctx, &f1, "missing_key", 1, 0, 0, 1, &v);
    cr_expect_eq(rc, AGRO_EMISSING);
    agro_json_close(&f);
    agro_ctx_free(ctx);
}

Test(params, missing_file_is_an_io_error_naming_the_file)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_json_file f;
    cr_expect_eq(agro_json_open(ctx, "/nonexistent/x.json", &f), AGRO_EIO);
    char buf[256];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect(strncmp(buf, "/nonexistent/x.json: cannot open", 32) == 0, "%s", buf);
    agro_ctx_free(ctx);
}

Test(params, a_folder_given_as_a_file_says_why_it_cannot_be_read)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_json_file f;
    /* fopen of a folder succeeds on Linux; the read then fails with EISDIR */
    cr_expect_eq(agro_json_open(ctx, AGROSIM_SOURCE_DIR "/models", &f), AGRO_EIO);
    char buf[512];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect(strstr(buf, "/models: read error: Is a directory"), "%s", buf);
    agro_scenario *sc = NULL;
    cr_expect_eq(agro_scenario_load(ctx, AGROSIM_SOURCE_DIR "/examples", &sc), AGRO_EIO);
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect(strstr(buf, "/examples: read error: Is a directory"), "%s", buf);
    cr_expect_null(sc);
    agro_ctx_free(ctx);
}

/* A UTF-8 byte-order mark before the text (Windows editors write one): DSSAT reads past it; the
   X-file reader said "table line before the first '*' section line" and cJSON refused JSON */
Test(params, a_utf8_byte_order_mark_is_not_text)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    const char *srcs[2] = {AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json",
                           AGROSIM_VALIDATION_DIR "/dssat/Maize/UFGA8201.MZX"};
    const char *dsts[2] = {AGROSIM_BINARY_DIR "/test_core_bom.json",
                           AGROSIM_BINARY_DIR "/test_core_bom.MZX"};
    for (int k = 0; k < 2; k++) {
        FILE *in = fopen(srcs[k], "rb"), *out = fopen(dsts[k], "wb");
        cr_assert(in && out);
        fputs("\xef\xbb\xbf", out);
        int c;
        while ((c = fgetc(in)) != EOF)
            fputc(c, out);
        fclose(in);
        fclose(out);
    }
    agro_soil_profile p;
    char m[AGRO_MESSAGE_MAX];
    int rc = agro_soil_load_json(ctx, dsts[0], &p);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect_eq(rc, AGRO_OK, "%s", m);
    agro_dssat_exp *x = NULL;
    rc = agro_dssat_exp_load(ctx, dsts[1], &x);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect_eq(rc, AGRO_OK, "%s", m);
    int32_t n = 0;
    if (x)
        agro_dssat_exp_n_treatments(x, &n);
    cr_expect_eq(n, 6);
    agro_dssat_exp_free(x);
    remove(dsts[0]);
    remove(dsts[1]);
    agro_ctx_free(ctx);
}

static void host_gsl_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
}

/* GSL keeps one error handler per process. Creating a context replaced the host program's with
   "off", so the host's own GSL errors went unreported; the library no longer touches it. */
Test(core, a_context_leaves_the_host_programs_gsl_error_handler_alone)
{
    gsl_set_error_handler(host_gsl_handler);
    agro_ctx *ctx = NULL;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    agro_weather *w = NULL;
    cr_assert_eq(helper_morogoro_generated(ctx, "G", 2001, 1, 3, &w), AGRO_OK);
    agro_weather_free(w);
    agro_ctx_free(ctx);
    cr_expect(gsl_set_error_handler(NULL) == host_gsl_handler, "the host's handler was replaced");
}

/* An unknown key one or two edits away from an allowed one (a letter missing, added, changed or
   two swapped, or a capital) names it: an analyst's "density_pl_m" got only 'unknown key' and
   had to look the key up; a key unlike any, and one too short to guess, name none */
Test(params, a_misspelt_key_names_the_key_it_was_likely_meant_to_be)
{
    static const char *const allowed[] = {"density_pl_m2", "row_spacing_cm", "depth_cm", "seed",
                                          "date"};
    static const struct {
        const char *key, *want;
    } cases[] = {
        {"density_pl_m", "unknown key \"density_pl_m\" (did you mean \"density_pl_m2\"?)"},
        {"row_spacng_cm", "unknown key \"row_spacng_cm\" (did you mean \"row_spacing_cm\"?)"},
        {"depht_cm", "unknown key \"depht_cm\" (did you mean \"depth_cm\"?)"},
        {"Depth_cm", "unknown key \"Depth_cm\" (did you mean \"depth_cm\"?)"},
        {"density_m2", "unknown key \"density_m2\""},
        {"sed", "unknown key \"sed\" (did you mean \"seed\"?)"},
        {"dat", "unknown key \"dat\" (did you mean \"date\"?)"},
        {"colour", "unknown key \"colour\""},
        {"xy", "unknown key \"xy\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        char text[160], buf[512], want[256];
        snprintf(text, sizeof text, "{\"date\": 1,\n \"%s\": 1}", cases[i].key);
        agro_json_file f;
        cr_assert_eq(agro_json_open_text(ctx, "s.json", text, &f), AGRO_OK);
        agro_json_node root;
        agro_json_root(ctx, &f, &root);
        cr_expect_eq(agro_json_check_keys(ctx, &root, allowed, 5), AGRO_EKEY, "%s", cases[i].key);
        agro_ctx_message(ctx, buf, sizeof buf);
        snprintf(want, sizeof want, "s.json:2: %s: %s", cases[i].key, cases[i].want);
        cr_expect_str_eq(buf, want);
        agro_json_close(&f);
        agro_ctx_free(ctx);
    }
}

/* The line of a key spelt with escapes ("x\u0067" is cJSON's "xg", "\ud83c\udf3d" U+1F33D) or
   longer than a JSON path holds (its path is cut at 255 bytes) is found: the scan compared the
   raw text and a 511-byte path, so such messages named no line */
Test(params, a_key_with_escapes_or_longer_than_a_path_is_found_on_its_line)
{
    char longkey[301];
    memset(longkey, 'k', 300);
    longkey[300] = '\0';
    char text[1200];
    snprintf(text, sizeof text,
             "{\"a\": 1,\n \"x\\u0067\": 1,\n \"b\\\"\\n\": 2,\n \"\\ud83c\\udf3d\": 3,\n"
             " \"o\": {\"%s\": 4}}\n",
             longkey);
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_json_file f;
    cr_assert_eq(agro_json_open_text(ctx, "s.json", text, &f), AGRO_OK);
    cr_expect_eq(agro_json_line(&f, "xg"), 2);
    cr_expect_eq(agro_json_line(&f, "b\"\n"), 3);
    cr_expect_eq(agro_json_line(&f, "\xF0\x9F\x8C\xBD"), 4);
    agro_json_node root, o;
    agro_json_root(ctx, &f, &root);
    static const char *const allowed[] = {"a"};
    cr_expect_eq(agro_json_check_keys(ctx, &root, allowed, 1), AGRO_EKEY);
    char buf[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect_str_eq(buf, "s.json:2: xg: unknown key \"xg\"");
    cr_assert_eq(agro_json_get(ctx, &root, "o", 1, &o), AGRO_OK);
    cr_expect_eq(agro_json_check_keys(ctx, &o, allowed, 1), AGRO_EKEY);
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect(strncmp(buf, "s.json:5: o.kkk", 15) == 0, "%s", buf);
    agro_json_close(&f);
    agro_ctx_free(ctx);
}

/* A JSON path longer than a node holds (255 bytes: a long key) is cut between UTF-8 characters,
 * and the cut path is still found on its line: the message naming it stays valid UTF-8. Before,
 * the path "o." and 200 "é" ended in a lone 0xC3 in the middle of the message. */
Test(params, a_json_path_cut_to_fit_ends_between_utf8_characters)
{
    static const char *const chars[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x8c\xbd"}; /* é € 🌽 */
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    for (size_t c = 0; c < 3; c++)
        for (size_t shift = 0; shift < 4; shift++) {
            char key[700] = "";
            for (size_t i = 0; i < shift; i++) strcat(key, "a");
            while (strlen(key) + 4 < 600) strcat(key, chars[c]);
            char text[800];
            snprintf(text, sizeof text, "{\"a\": 1,\n \"o\": {\n  \"%s\": 4}}\n", key);
            agro_json_file f;
            cr_assert_eq(agro_json_open_text(ctx, "s.json", text, &f), AGRO_OK);
            agro_json_node root, o;
            agro_json_root(ctx, &f, &root);
            cr_assert_eq(agro_json_get(ctx, &root, "o", 1, &o), AGRO_OK);
            static const char *const allowed[] = {"a"};
            cr_expect_eq(agro_json_check_keys(ctx, &o, allowed, 1), AGRO_EKEY);
            char buf[AGRO_MESSAGE_MAX];
            agro_ctx_message(ctx, buf, sizeof buf);
            cr_expect(strncmp(buf, "s.json:3: o.", 12) == 0, "char %zu shift %zu: %.40s", c, shift, buf);
            const char *end = strstr(buf, ": unknown key");
            cr_assert_not_null(end);
            cr_expect_geq((size_t)(end - buf) - strlen("s.json:3: "), 255 - 3, "the path is cut short");
            cr_expect(utf8_valid(buf, strlen(buf)), "char %zu shift %zu: the path in the message "
                      "ends in a cut character", c, shift);
            agro_json_close(&f);
        }
    agro_ctx_free(ctx);
}

/* A lone CR ends a line as LF and CRLF do (a file saved with classic Mac OS line ends, which
   editors show as lines): counting LF alone put every message of such a file on line 1 */
Test(params, a_lone_cr_ends_a_line_and_crlf_is_one_line_end)
{
    static const struct {
        const char *text, *want;
    } bad[] = {
        {"{\r  \"a\": 1,\r  \"b\": ]\r}\r", "bad.json:3: JSON syntax error at column 8"},
        {"{\r\n  \"a\": 1,\r\n  \"b\": ]\r\n}\r\n", "bad.json:3: JSON syntax error at column 8"},
        {"{\n  \"a\": 1,\r  \"b\": ]\n}\n", "bad.json:3: JSON syntax error at column 8"},
        {"{\r  \"a\": [1,\r", "bad.json:2: JSON syntax error: the text ends too early at column 11"},
        {"{\r\n  \"a\": [1,\r\n",
         "bad.json:2: JSON syntax error: the text ends too early at column 11"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        agro_json_file f;
        cr_expect_eq(agro_json_open_text(ctx, "bad.json", bad[i].text, &f), AGRO_EFORMAT);
        char buf[256];
        agro_ctx_message(ctx, buf, sizeof buf);
        cr_expect_str_eq(buf, bad[i].want, "case %zu: %s", i, buf);
        agro_ctx_free(ctx);
    }
    static const char *const good[] = {"{\r \"a\": 1,\r \"b\": 2,\r\r \"zz\": 3}\r",
                                       "{\r\n \"a\": 1,\r\n \"b\": 2,\r\n\r\n \"zz\": 3}\r\n"};
    for (size_t i = 0; i < 2; i++) {
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        agro_json_file f;
        cr_assert_eq(agro_json_open_text(ctx, "s.json", good[i], &f), AGRO_OK);
        cr_expect_eq(agro_json_line(&f, "b"), 3, "case %zu", i);
        cr_expect_eq(agro_json_line(&f, "zz"), 5, "case %zu", i);
        agro_json_node root;
        agro_json_root(ctx, &f, &root);
        static const char *const allowed[] = {"a", "b"};
        cr_expect_eq(agro_json_check_keys(ctx, &root, allowed, 2), AGRO_EKEY);
        char buf[256];
        agro_ctx_message(ctx, buf, sizeof buf);
        cr_expect_str_eq(buf, "s.json:5: zz: unknown key \"zz\"", "case %zu: %s", i, buf);
        agro_json_close(&f);
        agro_ctx_free(ctx);
    }
}

/* An array or object nested deeper than cJSON's CJSON_NESTING_LIMIT says so: cJSON stops on its
   bracket, which read as "JSON syntax error at column 1001"; brackets inside strings are not
   levels, and a bracket where a key belongs stays a syntax error */
Test(params, nesting_deeper_than_cjson_allows_is_named)
{
    const int lim = CJSON_NESTING_LIMIT;
    char *text = malloc(8 * (size_t)lim + 64);
    cr_assert(text);
    static const struct {
        const char *open, *close;
    } kinds[] = {{"[", "]"}, {"{\"a\":", "}"}};
    for (int k = 0; k < 2; k++)
        for (int extra = 0; extra <= 1; extra++) {
            text[0] = '\0';
            size_t n = 0;
            for (int i = 0; i < lim + extra; i++)
                n += (size_t)sprintf(text + n, "%s", kinds[k].open);
            n += (size_t)sprintf(text + n, "1");
            for (int i = 0; i < lim + extra; i++)
                n += (size_t)sprintf(text + n, "%s", kinds[k].close);
            agro_ctx *ctx;
            agro_ctx_create(&ctx);
            agro_json_file f;
            const int rc = agro_json_open_text(ctx, "deep.json", text, &f);
            if (!extra) {
                cr_expect_eq(rc, AGRO_OK, "%d levels of %s", lim, kinds[k].open);
                if (rc == AGRO_OK)
                    agro_json_close(&f);
            } else {
                cr_expect_eq(rc, AGRO_EFORMAT);
                char buf[256], want[256];
                agro_ctx_message(ctx, buf, sizeof buf);
                snprintf(want, sizeof want,
                         "deep.json:1: JSON nested deeper than %d levels (arrays and objects "
                         "inside one another) at column %zu",
                         lim, (size_t)lim * strlen(kinds[k].open) + 1);
                cr_expect_str_eq(buf, want, "%s", buf);
            }
            agro_ctx_free(ctx);
        }
    /* a string of brackets, then a bracket where a key belongs */
    size_t n = (size_t)sprintf(text, "[\"");
    for (int i = 0; i < lim; i++)
        text[n++] = '[';
    sprintf(text + n, "\\\"\", {[1]}]");
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_json_file f;
    cr_expect_eq(agro_json_open_text(ctx, "s.json", text, &f), AGRO_EFORMAT);
    char buf[256];
    agro_ctx_message(ctx, buf, sizeof buf);
    cr_expect(strncmp(buf, "s.json:1: JSON syntax error at column ", 38) == 0, "%s", buf);
    agro_ctx_free(ctx);
    free(text);
}

/* The readers' one rule of line ends (internal/text.h): LF, CRLF and a lone CR each end a line,
   CRLF once; a last line may have none. The same five lines in each form split alike. */
Test(core, lf_crlf_and_a_lone_cr_end_a_line_and_crlf_is_one_line_end)
{
    static const char *const forms[] = {"a\n\nbc\n d\ne", "a\r\n\r\nbc\r\n d\r\ne",
                                        "a\r\rbc\r d\re", "a\n\r\nbc\r d\r\ne"};
    static const char *const want[] = {"a", "", "bc", " d", "e"};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        const char *s = forms[k];
        const size_t n = strlen(s);
        size_t at = 0, len;
        int lines = 0;
        while (at < n) {
            const size_t step = agro_text_line(s + at, n - at, &len);
            cr_assert(lines < 5 && step > 0, "form %zu: more than 5 lines", k);
            cr_expect_eq(len, strlen(want[lines]), "form %zu line %d", k, lines + 1);
            cr_expect(strncmp(s + at, want[lines], len) == 0, "form %zu line %d", k, lines + 1);
            /* the line of each of its bytes, its line end included, and where it starts */
            for (size_t b = at; b < at + step; b++) {
                size_t start = 99;
                cr_expect_eq(agro_text_line_of(s, n, b, &start), lines + 1, "form %zu byte %zu", k, b);
                cr_expect_eq(start, at, "form %zu byte %zu", k, b);
            }
            at += step;
            lines++;
        }
        cr_expect_eq(lines, 5, "form %zu: %d lines", k, lines);
        /* a byte added at the end would be on the last line, which has no line end */
        cr_expect_eq(agro_text_line_of(s, n, n, NULL), 5, "form %zu", k);
    }
    /* a line end at the very end: the byte after it starts a sixth line; CR CR LF ends two */
    size_t len;
    cr_expect_eq(agro_text_line_of("a\r", 2, 2, NULL), 2);
    cr_expect_eq(agro_text_line_of("a\r\n", 3, 3, NULL), 2);
    cr_expect_eq(agro_text_line_of("a\r\r\nb", 5, 4, NULL), 3);
    cr_expect_eq(agro_text_line("a\r", 2, &len), 2);
    cr_expect_eq(len, 1);
    cr_expect_eq(agro_text_line("", 0, &len), 0);
    cr_expect_eq(len, 0);
    /* a NUL byte (which the readers refuse, naming its line) ends no line */
    cr_expect_eq(agro_text_line("a\0b\rc", 5, &len), 4);
    cr_expect_eq(len, 3);
    cr_expect_eq(agro_text_line_of("a\0b\rc\0", 6, 5, NULL), 2);
}

/* ---- the "source" of every block of parameter values ---- */

/* Load @p path with the loader for @p kind ("cultivar", "weeds", "site", "soil"). */
static int load_params(agro_ctx *ctx, const char *kind, const char *path)
{
    if (strcmp(kind, "cultivar") == 0) {
        agro_maize_cultivar c;
        return agro_maize_cultivar_load_json(ctx, path, &c, NULL, 0);
    }
    if (strcmp(kind, "weeds") == 0) {
        agro_weed_params w;
        return agro_weed_params_load_json(ctx, path, &w);
    }
    if (strcmp(kind, "site") == 0) {
        agro_site s;
        return agro_site_load(ctx, path, &s, NULL, 0);
    }
    agro_soil_profile p;
    return agro_soil_load_json(ctx, path, &p);
}

/* @p text (a parameter file) with the source at @p block ("" the top level) set to @p source,
   written to the build folder as @p name; its path in @p path. */
static void with_source(const char *text, const char *block, const char *source, const char *name,
                        char *path, size_t n)
{
    cJSON *root = cJSON_Parse(text);
    cr_assert_not_null(root);
    cJSON *obj = block[0] ? cJSON_GetObjectItemCaseSensitive(root, block) : root;
    cr_assert_not_null(obj, "%s", block);
    cr_assert(cJSON_ReplaceItemInObjectCaseSensitive(obj, "source", cJSON_CreateString(source)));
    char *out = cJSON_Print(root);
    snprintf(path, n, "%s/%s", AGROSIM_BINARY_DIR, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(out, f);
    fclose(f);
    free(out);
    cJSON_Delete(root);
}

/* The text of a parameter-file case: the shipped file @p file (from the source tree), or with
   @p file NULL a minimal weed flora (the weed reader has no shipped file). */
static void case_text(const char *file, char *text, size_t n)
{
    if (!file) {
        snprintf(text, n, "%s",
                 "{\"schema_version\": 1, \"source\": \"test\", \"root_frac\": 0.3}");
        return;
    }
    char src[512];
    snprintf(src, sizeof src, "%s%s", AGROSIM_SOURCE_DIR, file);
    helper_read_text(src, text, n);
}

/* A parameter file says where its values come from (STYLE.md, docs/formats.md): every loader
   reads a "source" of any length, and refuses an empty or blank one naming the file, the line
   and the key. The cultivar and weed readers copied the source into a 256-byte buffer, so a
   citation of more than 255 bytes was AGRO_ERANGE ("string of 300 bytes, longer than 255") and
   an empty one loaded; the site reader refused one over 2047 bytes; the site and soil readers
   took a source of only spaces. */
Test(params, every_loader_reads_a_source_of_any_length_and_refuses_an_empty_or_blank_one)
{
    static const struct {
        const char *kind, *file, *block;
    } cases[] = {
        {"cultivar", "/models/cultivars/maize_h6_hybrid.json", ""},
        {"weeds", NULL, ""},
        {"site", "/models/sites/morogoro.json", "location"},
        {"site", "/models/sites/goroka.json", "radiation"},
        {"soil", "/models/soils/morogoro_sandy_clay_loam.json", ""},
        {"soil", "/models/soils/goroka_clay_loam.json", "surface"},
    };
    static char text[1 << 16], big[3001];
    memset(big, 'c', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        case_text(cases[k].file, text, sizeof text);
        char path[512], m[AGRO_MESSAGE_MAX];
        with_source(text, cases[k].block, big, "source_long.json", path, sizeof path);
        const int rc = load_params(ctx, cases[k].kind, path);
        agro_ctx_message(ctx, m, sizeof m);
        cr_expect_eq(rc, AGRO_OK, "case %zu: %s", k, m);
        static const char *const empty[] = {"", " ", " \t\n "};
        for (size_t e = 0; e < 3; e++) {
            with_source(text, cases[k].block, empty[e], "source_empty.json", path, sizeof path);
            cr_expect_eq(load_params(ctx, cases[k].kind, path), AGRO_EMISSING, "case %zu, \"%s\"",
                         k, empty[e]);
            agro_ctx_message(ctx, m, sizeof m);
            char want[700];
            snprintf(want, sizeof want, "%s:", path);
            cr_expect(strncmp(m, want, strlen(want)) == 0 && strstr(m, "source: empty source") &&
                          m[strlen(want)] >= '1' && m[strlen(want)] <= '9',
                      "case %zu: %s", k, m);
        }
    }
    agro_ctx_free(ctx);
}

/* The free-text keys of the parameter files are strings, as docs/formats.md lists them and as the
   soil reader already held them: the cultivar reader ignored a number or an array in "dssat_id",
   "ecotype_source" or "notes", the weed reader in "name" or "notes" and the site reader in
   "description", without a word. */
Test(params, a_documentation_key_that_is_not_a_string_is_refused_naming_it)
{
    static const struct {
        const char *kind, *file, *key;
    } cases[] = {
        {"cultivar", "/models/cultivars/maize_h6_hybrid.json", "dssat_id"},
        {"cultivar", "/models/cultivars/maize_h6_hybrid.json", "ecotype_source"},
        {"cultivar", "/models/cultivars/maize_h6_hybrid.json", "notes"},
        {"weeds", NULL, "name"},
        {"weeds", NULL, "notes"},
        {"site", "/models/sites/goroka.json", "description"},
    };
    static char text[1 << 16];
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        case_text(cases[k].file, text, sizeof text);
        char path[512], m[AGRO_MESSAGE_MAX], want[700];
        /* the key as a string loads (the shipped files' own values, or a new note) */
        cJSON *root = cJSON_Parse(text);
        cr_assert_not_null(root);
        if (!cJSON_GetObjectItemCaseSensitive(root, cases[k].key))
            cJSON_AddStringToObject(root, cases[k].key, "a note");
        char *out = cJSON_Print(root);
        snprintf(path, sizeof path, "%s/text_ok.json", AGROSIM_BINARY_DIR);
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f);
        fputs(out, f);
        fclose(f);
        free(out);
        const int ok = load_params(ctx, cases[k].kind, path);
        agro_ctx_message(ctx, m, sizeof m);
        cr_expect_eq(ok, AGRO_OK, "case %zu: %s", k, m);
        /* a number or an array there is refused, naming the file, the line and the key */
        for (int form = 0; form < 2; form++) {
            cJSON *bad = form ? cJSON_CreateArray() : cJSON_CreateNumber(5);
            cr_assert(cJSON_ReplaceItemInObjectCaseSensitive(root, cases[k].key, bad));
            out = cJSON_Print(root);
            snprintf(path, sizeof path, "%s/text_bad.json", AGROSIM_BINARY_DIR);
            f = fopen(path, "w");
            cr_assert_not_null(f);
            fputs(out, f);
            fclose(f);
            free(out);
            cr_expect_eq(load_params(ctx, cases[k].kind, path), AGRO_EFORMAT, "case %zu form %d", k,
                         form);
            agro_ctx_message(ctx, m, sizeof m);
            snprintf(want, sizeof want, "%s: expected a string", cases[k].key);
            cr_expect(strncmp(m, path, strlen(path)) == 0 && m[strlen(path)] == ':' &&
                          m[strlen(path) + 1] >= '1' && m[strlen(path) + 1] <= '9' &&
                          strstr(m, want) != NULL,
                      "case %zu: %s", k, m);
        }
        cJSON_Delete(root);
    }
    agro_ctx_free(ctx);
}
