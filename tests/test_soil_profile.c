/* Soil profiles: DSSAT .SOL and JSON readers, validation, subdivision, and every error path. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "helpers/files.h"

#define SOIL_DIR AGROSIM_VALIDATION_DIR "/dssat/Soil"
#define MODELS_SOILS AGROSIM_SOURCE_DIR "/models/soils"

static agro_ctx *ctx;
static char tmpdir[256];

static void setup(void)
{
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    helper_tmpdir_create(tmpdir, sizeof tmpdir, "soil");
}

static void teardown(void)
{
    agro_ctx_free(ctx);
    helper_tmpdir_remove(tmpdir);
}

TestSuite(soil_profile, .init = setup, .fini = teardown);

static const char *msg(void) { return helper_message(ctx); }

static const char *write_file(const char *name, const char *text)
{
    return helper_write_file(tmpdir, name, text);
}

/* ---------- DSSAT .SOL ---------- */

/* A .SOL file saved with classic Mac OS line ends (a lone CR) read as one line, so no profile
   was found, and one with mixed ends loaded another profile's layers without a word
   (IBSB910027 of SOIL.SOL with 6 layers of 15-167 cm instead of its 9 of 5-225 cm): LF, CRLF
   and a lone CR now each end a line, CRLF once. Each form loads the same profiles bit for bit
   and names the same line, at the read and at the checks of the loaded layers. */
Test(soil_profile, a_sol_file_reads_alike_with_lf_crlf_or_lone_cr_line_ends)
{
    static const char *const ids[] = {"IBMZ910014", "IBSB910027", "SBSBUK9001"};
    agro_soil_profile lf[3];
    for (int k = 0; k < 3; k++) {
        const char *p = helper_eol_copy(tmpdir, SOIL_DIR "/SOIL.SOL", "EOL.SOL", NULL, NULL,
                                        helper_eol(k));
        for (int i = 0; i < 3; i++) {
            agro_soil_profile s;
            memset(&s, 0, sizeof s);
            cr_assert_eq(agro_soil_load_dssat(ctx, p, ids[i], &s), AGRO_OK, "eol %d %s: %s", k,
                         ids[i], msg());
            if (k == 0)
                lf[i] = s;
            else
                cr_expect(memcmp(&s, &lf[i], sizeof s) == 0, "eol %d: %s differs", k, ids[i]);
        }
    }
    cr_expect_eq(lf[1].n_layers, 9);
    static const struct {
        const char *to, *want;
        int status;
    } bad[] = {
        {"    30   -99 x.025 0.086 0.230 0.700", ":507: SLLL: not a number (\"x.025\")",
         AGRO_EFORMAT},
        /* a hexadecimal float is no number (it was read: 0x1p-5 is 0.03125) */
        {"    30   -99 0x1p-5 0.086 0.230 0.700", ":507: SLLL: not a number (\"0x1p-5\")",
         AGRO_EFORMAT},
        {"    30   -99 0.095 0.086 0.230 0.700",
         ":507: SLLL: layer 3 (bottom 30 cm): lower limit LL", AGRO_ERANGE},
    };
    for (int b = 0; b < (int)(sizeof bad / sizeof bad[0]); b++) {
        char first[AGRO_MESSAGE_MAX] = "";
        for (int k = 0; k < 3; k++) {
            const char *p = helper_eol_copy(tmpdir, SOIL_DIR "/SOIL.SOL", "EOL.SOL",
                                            "    30   -99 0.025 0.086 0.230 0.700", bad[b].to,
                                            helper_eol(k));
            agro_soil_profile s;
            cr_expect_eq(agro_soil_load_dssat(ctx, p, "IBMZ910014", &s), bad[b].status,
                         "case %d eol %d: %s", b, k, msg());
            if (k == 0) {
                const char *at = strstr(msg(), bad[b].want);
                cr_expect(at && at == msg() + strlen(p), "case %d: %s", b, msg());
                snprintf(first, sizeof first, "%s", msg());
            } else {
                cr_expect_str_eq(msg(), first, "case %d eol %d", b, k);
            }
        }
    }
}

/* A small well-formed profile; its layer lines are lines 8, 9 and 10. */
#define SOL_HEAD                                                                                   \
    "*SOILS: test file\n"                                                                          \
    "*TEST000001  TEST        SCL     60 test profile\n"                                           \
    "@SITE        COUNTRY          LAT     LONG SCS FAMILY\n"                                      \
    " Morogoro    Tanzania      -6.850   37.660 test family\n"                                     \
    "@ SCOM  SALB  SLU1  SLDR  SLRO  SLNF  SLPF  SMHB  SMPX  SMKE\n"                                \
    "   -99  0.13   6.0  0.50  75.0  1.00  1.00 IB001 IB001 IB001\n"
#define SOL_LAYER_HDR                                                                              \
    "@  SLB  SLMH  SLLL  SDUL  SSAT  SRGF  SSKS  SBDM  SLOC  SLCL  SLSI  SLCF  SLNI  SLHW  SLHB  SCEC  SADC\n"
#define SOL_L1 "    15   -99 0.155 0.257 0.423 1.000  1.12  1.53  1.00  24.0  18.0   0.0 0.100   6.5   -99   -99   -99\n"
#define SOL_L2 "    30   -99 0.168 0.270 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n"
#define SOL_L3 "    60   -99 0.189 0.296 0.413 0.350   -99  1.56  0.35  31.0  17.0   -99 0.035   5.3   -99   -99   -99\n"

static const char *sol_with_layer2(const char *layer2)
{
    static char text[4096];
    snprintf(text, sizeof text, "%s%s%s%s%s", SOL_HEAD, SOL_LAYER_HDR, SOL_L1, layer2, SOL_L3);
    return write_file("TE.SOL", text);
}

Test(soil_profile, reads_a_dssat_profile_by_column_name)
{
    const char *path = sol_with_layer2(SOL_L2);
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_dssat(ctx, path, "TEST000001", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 3);
    cr_expect_float_eq(p.albedo, 0.13, 1e-12);
    cr_expect_float_eq(p.runoff_curve_number, 75.0, 1e-12);
    cr_expect_float_eq(p.latitude_deg, -6.85, 1e-12);
    cr_expect_float_eq(p.longitude_deg, 37.66, 1e-12);
    cr_expect_float_eq(p.depth_cm[2], 60.0, 1e-12);
    cr_expect_float_eq(p.dul[1], 0.270, 1e-12);
    cr_expect_float_eq(p.root_growth_factor[1], 0.638, 1e-12);
    cr_expect(isnan(p.ksat_cm_h[2]), "SSKS -99 must load as unknown (NaN)");
    cr_expect_float_eq(p.stones_pct[2], 0.0, 1e-12, "SLCF -99 means no coarse fraction");
    cr_expect_float_eq(p.ph_water[2], 5.3, 1e-12);

    /* the same profile with columns in another order and SLMH dropped reads the same */
    const char *perm =
        "*TEST000002  TEST  SCL  60 permuted\n"
        "@ SALB  SLRO  SLDR  SLU1\n"
        "  0.13  75.0  0.50   6.0\n"
        "@  SLB  SDUL  SLLL  SSAT  SRGF  SBDM  SLOC  SSKS\n"
        "    15 0.257 0.155 0.423 1.000  1.53  1.00  1.12\n"
        "    30 0.270 0.168 0.412 0.638  1.56  0.60  0.71\n";
    agro_soil_profile q;
    cr_assert_eq(agro_soil_load_dssat(ctx, write_file("P.SOL", perm), "TEST000002", &q), AGRO_OK,
                 "%s", msg());
    cr_expect_eq(q.n_layers, 2);
    for (int i = 0; i < 2; i++) {
        cr_expect_float_eq(q.ll[i], p.ll[i], 1e-12);
        cr_expect_float_eq(q.dul[i], p.dul[i], 1e-12);
        cr_expect_float_eq(q.ksat_cm_h[i], p.ksat_cm_h[i], 1e-12);
    }
    cr_expect(isnan(q.clay_pct[0]) && isnan(q.latitude_deg), "absent columns are unknown");
    cr_expect_float_eq(q.mineralisation_factor, 1.0, 1e-12);

    /* Windows line ends (CRLF) read the same */
    char crlf[8192];
    size_t k = 0;
    for (const char *c = SOL_HEAD SOL_LAYER_HDR SOL_L1 SOL_L2 SOL_L3; *c && k < sizeof crlf - 3; c++) {
        if (*c == '\n')
            crlf[k++] = '\r';
        crlf[k++] = *c;
    }
    crlf[k] = '\0';
    cr_assert_eq(agro_soil_load_dssat(ctx, write_file("CRLF.SOL", crlf), "TEST000001", &q), AGRO_OK,
                 "%s", msg());
    cr_expect(memcmp(&p, &q, sizeof p) == 0, "CRLF file must load the identical profile");
}

/* Soil IDs named in the *FIELDS section (ID_SOIL column, found by header position). */
static int field_soil_ids(const char *path, char ids[][16], int n, int max)
{
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    char line[1024], hdr[1024] = "";
    int in_fields = 0;
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '*') {
            in_fields = strncmp(line, "*FIELDS", 7) == 0;
            hdr[0] = '\0';
            continue;
        }
        if (!in_fields || line[0] == '!')
            continue;
        if (line[0] == '@') {
            snprintf(hdr, sizeof hdr, "%s", strstr(line, "ID_SOIL") ? line : "");
            continue;
        }
        if (!hdr[0] || strspn(line, " ") == strlen(line))
            continue;
        size_t col = (size_t)(strstr(hdr, "ID_SOIL") - hdr);
        /* DSSAT writes the 10-character ID starting one column left of the label */
        size_t b = col ? col - 1 : 0;
        if (b >= strlen(line))
            continue;
        char id[16];
        cr_assert_eq(sscanf(line + b, "%15s", id), 1);
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= strcmp(ids[k], id) == 0;
        if (!dup && n < max)
            snprintf(ids[n++], 16, "%s", id);
    }
    fclose(fp);
    return n;
}

Test(soil_profile, loads_every_profile_referenced_by_the_validation_experiments)
{
    static char ids[200][16];
    int n = 0, files = 0;
    const char *folders[] = {AGROSIM_VALIDATION_DIR "/dssat/Maize", AGROSIM_VALIDATION_DIR "/dssat/Soybean"};
    for (int f = 0; f < 2; f++) {
        DIR *d = opendir(folders[f]);
        cr_assert_not_null(d, "%s", folders[f]);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len < 4 || (strcmp(e->d_name + len - 4, ".MZX") && strcmp(e->d_name + len - 4, ".SBX")))
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", folders[f], e->d_name);
            n = field_soil_ids(path, ids, n, 200);
            files++;
        }
        closedir(d);
    }
    cr_expect_geq(files, 40, "X files found: %d", files);
    cr_expect_geq(n, 20, "distinct soil IDs found: %d", n);
    for (int k = 0; k < n; k++) {
        agro_soil_profile p;
        int rc = agro_soil_load_dssat_dir(ctx, SOIL_DIR, ids[k], &p);
        cr_expect_eq(rc, AGRO_OK, "%s: %s", ids[k], msg());
        if (rc)
            continue;
        cr_expect_gt(p.n_layers, 0);
        for (int i = 0; i < p.n_layers; i++)
            cr_expect(p.ll[i] < p.dul[i] && p.dul[i] < p.sat[i], "%s layer %d", ids[k], i);
    }
}

Test(soil_profile, reads_profiles_with_a_second_layer_table_and_text_columns)
{
    agro_soil_profile p;
    /* BR.SOL: second table (@ SLB SLPX ...), values written as ".17", SCOM "Y" */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "BRPA080004", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 12);
    cr_expect_float_eq(p.depth_cm[11], 300.0, 1e-12);
    cr_expect_float_eq(p.albedo, 0.17, 1e-12);
    cr_expect_float_eq(p.ll[0], 0.24, 1e-12);
    cr_expect_float_eq(p.clay_pct[3], 84.3, 1e-12);
    cr_expect_float_eq(p.latitude_deg, -3.0, 1e-12);
    /* GH.SOL: SLMH letters, trailing blanks, measured SLCF */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "GHWA040001", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 5);
    cr_expect_float_eq(p.ksat_cm_h[0], 2.59, 1e-12);
    cr_expect_float_eq(p.stones_pct[3], 49.2, 1e-12);
    cr_expect_float_eq(p.longitude_deg, -2.496, 1e-12);
    /* SOIL.SOL: bulk density written 0.00 means not measured: DSSAT's SOILDYN default 1.2 */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IBSB910009", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.bulk_density_g_cm3[0], 1.2);
    /* SITE text with a space ("MAUKA CAMPU US"): LAT and LONG still found under their names */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IB00720001", &p), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.latitude_deg, 21.31, 1e-12);
    cr_expect_float_eq(p.longitude_deg, 157.84, 1e-12);
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "ISUV950008", &p), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.mineralisation_factor, 0.5, 1e-12);
    cr_expect(isnan(p.silt_pct[0]) && isnan(p.longitude_deg));
}

Test(soil_profile, every_profile_of_the_shipped_sol_files_parses)
{
    const char *files[] = {"BR.SOL", "EB.SOL", "GH.SOL", "SI.SOL", "SOIL.SOL", "UC.SOL", "UP.SOL"};
    int ok = 0, physical = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[1024], line[512];
        snprintf(path, sizeof path, "%s/%s", SOIL_DIR, files[f]);
        FILE *fp = fopen(path, "r");
        cr_assert_not_null(fp, "%s", path);
        while (fgets(line, sizeof line, fp)) {
            char id[32];
            if (line[0] != '*' || sscanf(line + 1, "%31s", id) != 1 || strchr(id, ':'))
                continue;
            agro_soil_profile p;
            int rc = agro_soil_load_dssat(ctx, path, id, &p);
            /* a few DSSAT profiles hold DUL = SAT, LL = DUL or SLNF > 1: rejected as out of
             * range, never as a format error */
            cr_expect(rc == AGRO_OK || rc == AGRO_ERANGE, "%s %s: %s", files[f], id, msg());
            ok += rc == AGRO_OK;
            physical += rc == AGRO_ERANGE;
        }
        fclose(fp);
    }
    cr_expect_geq(ok, 140, "%d profiles loaded", ok);
    cr_expect_leq(physical, 3, "%d profiles rejected", physical);
}

Test(soil_profile, error_unknown_profile_id)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(SOL_L2), "NOPE000001", &p), AGRO_ENOTFOUND);
    cr_expect(strstr(msg(), "TE.SOL") && strstr(msg(), "\"NOPE000001\" not found"), "%s", msg());
    cr_expect_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "BRZZ999999", &p), AGRO_ENOTFOUND);
    cr_expect(strstr(msg(), "neither in SOIL.SOL nor in BR.SOL"), "%s", msg());
    /* a prefix of an ID is not that ID */
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(SOL_L2), "TEST00000", &p), AGRO_ENOTFOUND);
}

/* A profile in both SOIL.SOL and its XX.SOL is read from SOIL.SOL, as DSSAT's IPEXP and
 * IPSOIL_Inp do; one only in TE.SOL comes from there. */
Test(soil_profile, soil_sol_comes_before_the_xx_sol_file)
{
    static char text[4096];
    snprintf(text, sizeof text, "%s%s%s%s%s", SOL_HEAD, SOL_LAYER_HDR, SOL_L1, SOL_L2, SOL_L3);
    write_file("TE.SOL", text);
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, tmpdir, "TEST000001", &p), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.dul[1], 0.270, 1e-12);
    /* the same ID in SOIL.SOL with another DUL in layer 2 */
    char *l2 = strstr(text, "0.270");
    cr_assert_not_null(l2);
    memcpy(l2, "0.280", 5);
    write_file("SOIL.SOL", text);
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, tmpdir, "TEST000001", &p), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.dul[1], 0.280, 1e-12);
    char path[512];
    snprintf(path, sizeof path, "%s/SOIL.SOL", tmpdir);
    unlink(path);
}

/* A '!' ends a header line's names, as DSSAT's PARSE_HEADERS reads them: a comment there that
 * names a column (SLB, SLPX ...) was taken for one, so the surface header became a layer table
 * ("SLLL: required column SLLL missing from the layer header") */
Test(soil_profile, a_comment_after_a_header_line_names_no_column)
{
    char text[4096];
    snprintf(text, sizeof text, "%s", SOL_HEAD SOL_LAYER_HDR SOL_L1 SOL_L2 SOL_L3);
    char *scom = strstr(text, "SMKE\n");
    cr_assert_not_null(scom);
    char rest[4096];
    snprintf(rest, sizeof rest, "%s", scom + 4);
    snprintf(scom + 4, sizeof text - (size_t)(scom + 4 - text), " ! SLB layers follow%s", rest);
    char *sadc = strstr(text, "SADC\n");
    cr_assert_not_null(sadc);
    snprintf(rest, sizeof rest, "%s", sadc + 4);
    snprintf(sadc + 4, sizeof text - (size_t)(sadc + 4 - text), " ! SLPX SLKE: none%s", rest);
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_dssat(ctx, write_file("HC.SOL", text), "TEST000001", &p), AGRO_OK,
                 "%s", msg());
    cr_expect_eq(p.n_layers, 3);
    cr_expect_float_eq(p.albedo, 0.13, 1e-12);
    cr_expect_float_eq(p.ll[1], 0.168, 1e-12);
    cr_expect(isnan(p.extractable_p_mg_kg[0]) && isnan(p.exch_k_cmol_kg[2]));
}

/* One data line under the site and the surface header: a second one was ignored without a word
 * (DSSAT stops at a second site line and takes the last surface line, agrosim took the first);
 * a line of only a comment is no data line */
Test(soil_profile, error_a_second_site_or_surface_line)
{
    agro_soil_profile p;
    char text[4096];
    snprintf(text, sizeof text, "%s%s%s%s%s", SOL_HEAD,
             "   -99  0.20   6.0  0.50  60.0  1.00  1.00 IB001 IB001 IB001\n", SOL_LAYER_HDR, SOL_L1,
             SOL_L2);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("S2.SOL", text), "TEST000001", &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "S2.SOL:7: SCOM: a second data line under the surface header of line 5"),
              "%s", msg());
    const char *head = SOL_HEAD, *site = strstr(head, " Morogoro");
    cr_assert_not_null(site);
    snprintf(text, sizeof text, "%.*s%s%s%s%s", (int)(site - head), head,
             " Morogoro    Tanzania      -6.850   37.660 test family\n", site, SOL_LAYER_HDR,
             SOL_L1);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("S2.SOL", text), "TEST000001", &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "S2.SOL:5: SITE: a second data line under the site header of line 3"),
              "%s", msg());
    snprintf(text, sizeof text, "%s%s%s%s", SOL_HEAD, "   ! an indented comment\n", SOL_LAYER_HDR,
             SOL_L1);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("S2.SOL", text), "TEST000001", &p), AGRO_OK,
                 "%s", msg());
    cr_expect_float_eq(p.albedo, 0.13, 1e-12);
}

Test(soil_profile, error_layer_depths_not_increasing)
{
    agro_soil_profile p;
    const char *bad = "    10   -99 0.168 0.270 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(bad), "TEST000001", &p), AGRO_EORDER);
    cr_expect(strstr(msg(), "TE.SOL:9: SLB: layer 2") && strstr(msg(), "must increase"), "%s", msg());
}

/* A layer thinner than AGRO_SOIL_MIN_LAYER_CM is refused where the file is read, AGRO_ERANGE
 * naming the file, the layer's line and its SLB as an out-of-order depth is: it loaded, and a
 * field refused it only at create, without the file or line. A layer of the minimum loads. */
Test(soil_profile, a_sol_layer_thinner_than_the_minimum_names_its_file_and_line)
{
    agro_soil_profile p;
    const char *thin = "15.0005   -99 0.168 0.270 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(thin), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "TE.SOL:9: SLB: layer 2: the layer from 15 to 15.0005 cm is 0.0005 cm "
                            "thick, thinner than 0.001 cm") != NULL, "%s", msg());
    const char *least = " 15.001   -99 0.168 0.270 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(least), "TEST000001", &p), AGRO_OK, "%s", msg());
    /* layer 1 (SLOC 1 %) no thicker than its OXLT, 0.4 cm, names its own line */
    static char text[4096];
    snprintf(text, sizeof text, "%s%s%s", SOL_HEAD, SOL_LAYER_HDR, SOL_L1);
    memcpy(strstr(text, "    15   -99"), "   0.4", 6);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("OX.SOL", text), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "OX.SOL:8: SLB: layer 1: the layer's thickness must be more than OXLT "
                            "0.4 cm") != NULL, "%s", msg());
    /* the profile filled in code: agro_soil_validate names the struct's member */
    p.depth_cm[1] = 15.0005;
    cr_expect_eq(agro_soil_validate(ctx, &p, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "depth_cm[1]: layer 2: the layer from 15 to 15.0005 cm is") != NULL,
              "%s", msg());
}

Test(soil_profile, error_lower_limit_above_drained_upper_limit)
{
    agro_soil_profile p;
    const char *bad = "    30   -99 0.300 0.270 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(bad), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "TE.SOL:9: SLLL:") && strstr(msg(), "LL 0.3 must be below") , "%s", msg());
}

Test(soil_profile, error_drained_upper_limit_above_saturation)
{
    agro_soil_profile p;
    const char *bad = "    30   -99 0.168 0.470 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(bad), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "TE.SOL:9: SDUL:") && strstr(msg(), "below saturation SAT 0.412"), "%s", msg());
}

Test(soil_profile, error_non_numeric_field)
{
    agro_soil_profile p;
    const char *bad = "    30   -99 0.168 0.2x0 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(bad), "TEST000001", &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), ":9: SDUL: not a number (\"0.2x0\")"), "%s", msg());
}

Test(soil_profile, error_truncated_line)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2("    30   -99 0.168\n"), "TEST000001", &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "TE.SOL:9: SDUL: truncated line: no value under column SDUL"), "%s", msg());
}

Test(soil_profile, error_required_value_missing)
{
    agro_soil_profile p;
    const char *bad = "    30   -99 0.168   -99 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(bad), "TEST000001", &p), AGRO_EMISSING);
    cr_expect(strstr(msg(), "TE.SOL:9: SDUL: required value is missing (-99)"), "%s", msg());
    /* a surface value DSSAT refuses (SALB not above 0) names the surface line */
    char text[4096];
    snprintf(text, sizeof text, "%s", SOL_HEAD SOL_LAYER_HDR SOL_L1);
    char *salb = strstr(text, "0.13");
    memcpy(salb, "0.00", 4);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("AL.SOL", text), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "AL.SOL:6: SALB: albedo must be above 0"), "%s", msg());
    /* a curve number not above 0 is refused there too (IPSOIL_Inp stops, error 11), not clamped
       to 25 as a low one is (SOILDYN): it was loaded as 25, a soil that hardly runs off */
    static const char *const cn[] = {" 0.0", "-5.0", "   0", "-0.5"};
    for (size_t k = 0; k < sizeof cn / sizeof cn[0]; k++) {
        snprintf(text, sizeof text, "%s", SOL_HEAD SOL_LAYER_HDR SOL_L1);
        char *slro = strstr(text, "75.0");
        memcpy(slro, cn[k], 4);
        cr_expect_eq(agro_soil_load_dssat(ctx, write_file("CN.SOL", text), "TEST000001", &p),
                     AGRO_ERANGE, "SLRO %s", cn[k]);
        cr_expect(strstr(msg(), "CN.SOL:6: SLRO: outside (0, 100]"), "SLRO %s: %s", cn[k], msg());
    }
}

/* What DSSAT-CSM 4.8 does to a profile's values before it simulates (IPSOIL_Inp, SOILDYN),
 * so that profiles DSSAT runs load here too, with its values (an independent review found 11
 * of the 147 shared profiles refused): a curve number out of 25..98 clamped, SLU1 and SLDR
 * of 0 defaulted, SLNF above 1 taken as 1, water limits closer than 0.01 pulled apart, a Ksat
 * of 0 unknown */
Test(soil_profile, dssat_input_rules_default_and_correct_as_dssat_does)
{
    agro_soil_profile p;
    char text[4096];
    snprintf(text, sizeof text, "%s", SOL_HEAD SOL_LAYER_HDR SOL_L1);
    char *v = strstr(text, "   6.0  0.50  75.0  1.00");
    memcpy(v, "   0.0  0.00  99.0  1.50", 24);
    cr_assert_eq(agro_soil_load_dssat(ctx, write_file("DR.SOL", text), "TEST000001", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.evap_limit_mm, 6.0);
    cr_expect_eq(p.drainage_rate_d, 0.25);
    cr_expect_eq(p.runoff_curve_number, 98.0);
    cr_expect_eq(p.mineralisation_factor, 1.0);
    /* shared profiles: SAUR900001 layer 10 has DUL = SAT = 0.37 (DSSAT: SAT 0.38), AUTA810001
       layer 10 LL = DUL = 0.38 (LL 0.37), IBRI910002 SLNF 1.5, IBRI910001 SLDR 0, IBSB910009
       no bulk density (1.2), UFBR950001 a Ksat of 0 at 119 cm (unknown) */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "SAUR900001", &p), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.sat[9], p.dul[9] + 0.01, 1e-12);
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "AUTA810001", &p), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.ll[9], p.dul[9] - 0.01, 1e-12);
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IBRI910002", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.mineralisation_factor, 1.0);
    static const char *const ids[] = {"IBRI910001", "IBSB910009", "UFBR950001"};
    for (int k = 0; k < 3; k++) {
        cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, ids[k], &p), AGRO_OK, "%s: %s", ids[k], msg());
        agro_field_options o;
        agro_field_options_default(&o);
        agro_field *f = NULL;
        cr_expect_eq(agro_field_create(ctx, &p, &o, &f), AGRO_OK, "%s: %s", ids[k], msg());
        agro_field_free(f);
    }
    int zero_ksat = 0;
    for (int32_t i = 0; i < p.n_layers; i++) zero_ksat += p.ksat_cm_h[i] == 0.0;
    cr_expect_eq(zero_ksat, 0, "UFBR950001 keeps a Ksat of 0");
}

/* LL and DUL (or DUL and SAT) closer than 0.01 are pulled apart as DSSAT does; where the pull
 * would leave [0, 1] the message gives the file's values: it named the pulled one ("SLLL: layer 2
 * (bottom 30 cm): outside [0, 1] (-0.005)", a value the file does not hold) */
Test(soil_profile, error_a_pull_past_0_or_1_names_the_values_of_the_file)
{
    agro_soil_profile p;
    const char *low = "    30   -99 0.000 0.005 0.412 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(low), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "TE.SOL:9: SLLL: layer 2 (bottom 30 cm): LL 0 and DUL 0.005 are closer "
                            "than 0.01, and DSSAT's LL = DUL - 0.01 would be -0.005, below 0"),
              "%s", msg());
    const char *high = "    30   -99 0.168 0.995 1.000 0.638  0.71  1.56  0.60  27.0  17.0   0.0 0.060   6.0   -99   -99   -99\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_layer2(high), "TEST000001", &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "TE.SOL:9: SSAT: layer 2 (bottom 30 cm): SAT 1 and DUL 0.995 are closer "
                            "than 0.01, and DSSAT's SAT = DUL + 0.01 would be 1.005, above 1"),
              "%s", msg());
}

Test(soil_profile, error_missing_and_empty_file)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_dssat(ctx, "/nonexistent/XX.SOL", "XX00000001", &p), AGRO_EIO);
    cr_expect(strstr(msg(), "/nonexistent/XX.SOL") && strstr(msg(), "cannot open"), "%s", msg());
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("E.SOL", "\n  \n"), "XX00000001", &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "E.SOL") && strstr(msg(), "empty file"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, "/nonexistent/soil.json", &p), AGRO_EIO);
    cr_expect(strstr(msg(), "cannot open"), "%s", msg());
}

/* ---------- JSON ---------- */

Test(soil_profile, json_id_fills_what_fits_and_says_it_is_cut)
{
    const char *path = MODELS_SOILS "/morogoro_sandy_clay_loam.json";
    char id[5];
    memset(id, 'x', sizeof id);
    cr_expect_eq(agro_soil_json_id(ctx, path, id, sizeof id), AGRO_ERANGE);
    cr_expect_str_eq(id, "MORO", "the first n - 1 bytes of MOROGORO_SCL");
    cr_expect(strstr(msg(), "too small"), "%s", msg());
    /* an unreadable file leaves an empty text, not what the buffer held */
    memset(id, 'x', sizeof id);
    cr_expect_eq(agro_soil_json_id(ctx, "/nonexistent/soil.json", id, sizeof id), AGRO_EIO);
    cr_expect_str_eq(id, "");
}

Test(soil_profile, shipped_json_profiles_load_and_are_physical)
{
    const char *files[] = {MODELS_SOILS "/morogoro_sandy_clay_loam.json", MODELS_SOILS "/goroka_clay_loam.json"};
    const char *ids[] = {"MOROGORO_SCL", "GOROKA_CL"};
    for (int f = 0; f < 2; f++) {
        agro_soil_profile p;
        cr_assert_eq(agro_soil_load_json(ctx, files[f], &p), AGRO_OK, "%s", msg());
        char id[AGRO_SOIL_ID_MAX];
        cr_expect_eq(agro_soil_json_id(ctx, files[f], id, sizeof id), AGRO_OK);
        cr_expect_str_eq(id, ids[f]);
        cr_expect_eq(p.n_layers, 8);
        cr_expect_float_eq(p.depth_cm[p.n_layers - 1], 150.0, 1e-12);
        cr_expect_lt(p.latitude_deg, 0.0, "both sites are south of the equator");
        double paw = 0.0;
        for (int i = 0; i < p.n_layers; i++) {
            double porosity = 1.0 - p.bulk_density_g_cm3[i] / 2.65;
            cr_expect_leq(p.sat[i], porosity + 0.01, "layer %d: SAT above total porosity", i);
            cr_expect_lt(p.clay_pct[i] + p.silt_pct[i], 100.0);
            paw += (p.dul[i] - p.ll[i]) * agro_soil_layer_thickness_cm(&p, i) * 10.0;
        }
        /* plant-available water of a 1.5 m loamy profile: 100-250 mm (Saxton & Rawls 2006) */
        cr_expect(paw > 100.0 && paw < 250.0, "%s: available water %g mm", ids[f], paw);
        /* agro_soil_load picks the reader by extension and checks the ID */
        agro_soil_profile q;
        cr_expect_eq(agro_soil_load(ctx, files[f], NULL, &q), AGRO_OK);
        cr_expect_eq(agro_soil_load(ctx, files[f], ids[f], &q), AGRO_OK);
        cr_expect_eq(agro_soil_load(ctx, files[f], "OTHER", &q), AGRO_ENOTFOUND);
        cr_expect(strstr(msg(), "this file holds"), "%s", msg());
    }
}

#define JSON_OK                                                                                    \
    "{\n"                                                                                          \
    "  \"schema_version\": 1,\n"                                                               \
    "  \"id\": \"T1\",\n"                                                                       \
    "  \"source\": \"test\",\n"                                                                 \
    "  \"surface\": {\"albedo\": 0.13, \"evap_limit_mm\": 6, \"drainage_rate_per_day\": 0.5,\n" \
    "              \"runoff_curve_number\": 75, \"source\": \"test\"},\n"                       \
    "  \"layers\": [\n"                                                                         \
    "    {\"depth_bottom_cm\": 20, \"ll_cm3_cm3\": 0.15, \"dul_cm3_cm3\": 0.26, \"sat_cm3_cm3\": 0.42,\n" \
    "     \"root_growth_factor\": 1, \"bulk_density_g_cm3\": 1.5, \"organic_carbon_pct\": 1,\n"  \
    "     \"ksat_cm_h\": null},\n"                                                             \
    "    {\"depth_bottom_cm\": 50, \"ll_cm3_cm3\": LL2, \"dul_cm3_cm3\": 0.27, \"sat_cm3_cm3\": 0.41,\n" \
    "     \"root_growth_factor\": 0.5, \"bulk_density_g_cm3\": 1.55, \"organic_carbon_pct\": 0.5}\n" \
    "  ]\n"                                                                                     \
    "}\n"

static const char *json_file(const char *from, const char *to)
{
    static char text[4096];
    snprintf(text, sizeof text, "%s", JSON_OK);
    char *ll = strstr(text, "LL2");
    memcpy(ll, "0.2", 3);
    if (from) {
        char *at = strstr(text, from);
        cr_assert_not_null(at, "%s", from);
        char rest[4096];
        snprintf(rest, sizeof rest, "%s", at + strlen(from));
        snprintf(at, sizeof text - (size_t)(at - text), "%s%s", to, rest);
    }
    return write_file("t.json", text);
}

Test(soil_profile, json_minimal_profile_defaults)
{
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_json(ctx, json_file(NULL, NULL), &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 2);
    cr_expect(isnan(p.ksat_cm_h[0]) && isnan(p.ksat_cm_h[1]), "null and absent are unknown");
    cr_expect(isnan(p.latitude_deg) && isnan(p.clay_pct[0]));
    cr_expect_float_eq(p.stones_pct[1], 0.0, 1e-12);
    cr_expect_float_eq(p.photosynthesis_factor, 1.0, 1e-12);
}

/* docs/formats.md: optional values may be written null, and the two surface factors then load
 * as 1, as when absent (and as SLNF/SLPF -99 in a .SOL file); null was refused with "expected a
 * number". Out of range is still an error. */
Test(soil_profile, json_null_surface_factors_are_one)
{
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_json(ctx, json_file("\"runoff_curve_number\": 75,",
                                                    "\"runoff_curve_number\": 75, "
                                                    "\"mineralisation_factor\": null, "
                                                    "\"photosynthesis_factor\": null,"),
                                     &p),
                 AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.mineralisation_factor, 1.0, 1e-12);
    cr_expect_float_eq(p.photosynthesis_factor, 1.0, 1e-12);
    cr_assert_eq(agro_soil_load_json(ctx, json_file("\"runoff_curve_number\": 75,",
                                                    "\"runoff_curve_number\": 75, "
                                                    "\"mineralisation_factor\": 0.8,"),
                                     &p),
                 AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.mineralisation_factor, 0.8, 1e-12);
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"runoff_curve_number\": 75,",
                                                    "\"runoff_curve_number\": 75, "
                                                    "\"photosynthesis_factor\": 1.5,"),
                                     &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "surface.photosynthesis_factor: value 1.5 outside [0, 1]"), "%s", msg());
}

/* Found by tests/test_input_mutations.c. A text cut short used to be reported one line past its
 * end ("t.json:14:" for 13 lines), an empty file on line 1 of none; a key given twice loaded
 * the first value and ignored the second without a word. */
Test(soil_profile, error_json_lines_stay_inside_the_file_and_keys_are_unique)
{
    agro_soil_profile p;
    char text[4096];
    const char *full = json_file(NULL, NULL);
    FILE *fp = fopen(full, "rb");
    cr_assert_not_null(fp);
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    /* cut after the line of the first layer's "ksat_cm_h" (line 10): the text ends inside the
     * layers array */
    char *cut = strstr(text, "\"ksat_cm_h\": null},\n");
    cr_assert_not_null(cut);
    cut[strlen("\"ksat_cm_h\": null},\n")] = '\0';
    cr_expect_eq(agro_soil_load_json(ctx, write_file("cut.json", text), &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "cut.json:10: JSON syntax error: the text ends too early") != NULL,
              "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, write_file("empty.json", " \n"), &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "empty.json: empty file, expected a JSON object") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"albedo\": 0.13,", "\"albedo\": 0.13, \"albedo\": 0.5,"), &p),
                 AGRO_EKEY);
    cr_expect(strstr(msg(), "t.json:5: surface.albedo: key \"albedo\" given twice") != NULL, "%s",
              msg());
}

/* Found by tests/test_input_mutations.c: a NUL byte inside a value used to end it there
 * ("0.2\0" + "57" read as 0.2); a .SOL file holding one is refused. */
Test(soil_profile, error_nul_byte_in_a_sol_file)
{
    char text[4096];
    int k = snprintf(text, sizeof text, "%s%s%s", SOL_HEAD, SOL_LAYER_HDR, SOL_L1);
    char *dul = strstr(text, "0.257");
    cr_assert_not_null(dul);
    dul[3] = '\0'; /* "0.2" NUL "7" */
    char path[600];
    snprintf(path, sizeof path, "%s/NU.SOL", tmpdir);
    FILE *fp = fopen(path, "wb");
    cr_assert_not_null(fp);
    fwrite(text, 1, (size_t)k, fp);
    fclose(fp);
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_dssat(ctx, path, "TEST000001", &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "NU.SOL:8: NUL byte at column") != NULL, "%s", msg());
}

/* Found by the bad-input audit: a value longer than the reader's 63-character buffer was read
 * cut (SLOC "000…0002.00" of 74 characters loaded as 0 % organic C), and a column named twice
 * gave its first column's values and dropped the second's (SLOC twice: the clay values
 * dropped, clay unknown); both are refused naming the file, line and column. */
Test(soil_profile, error_sol_long_value_or_column_named_twice)
{
    char text[4096], l1[512];
    snprintf(l1, sizeof l1, "%s", SOL_L1);
    char *oc = strstr(l1, "  1.00  24.0");
    cr_assert_not_null(oc);
    char zeros[80];
    memset(zeros, '0', 70);
    zeros[70] = '\0';
    /* "  1.00" -> " 000…0001.00": the same value, 74 characters */
    snprintf(text, sizeof text, "%s%s%.*s %s1.00%s", SOL_HEAD, SOL_LAYER_HDR, (int)(oc - l1), l1,
             zeros, oc + 6);
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("LV.SOL", text), "TEST000001", &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "LV.SOL:8: SLOC: value of 74 characters is too long for a number") !=
                  NULL,
              "%s", msg());
    /* the same respelled within the buffer reads the value */
    snprintf(text, sizeof text, "%s%s%.*s %.50s1.00%s", SOL_HEAD, SOL_LAYER_HDR, (int)(oc - l1),
             l1, zeros, oc + 6);
    cr_assert_eq(agro_soil_load_dssat(ctx, write_file("LV2.SOL", text), "TEST000001", &p), AGRO_OK,
                 "%s", msg());
    cr_expect_float_eq(p.organic_carbon_pct[0], 1.0, 1e-12);

    char hdr[256];
    snprintf(hdr, sizeof hdr, "%s", SOL_LAYER_HDR);
    char *cl = strstr(hdr, "SLCL");
    cr_assert_not_null(cl);
    memcpy(cl, "SLOC", 4);
    snprintf(text, sizeof text, "%s%s%s", SOL_HEAD, hdr, SOL_L1);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("TW.SOL", text), "TEST000001", &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "TW.SOL:7: SLOC: column named twice in the header (columns 9 and 10)") !=
                  NULL,
              "%s", msg());
}

/* A JSON layer thinner than AGRO_SOIL_MIN_LAYER_CM names the file, the layer's line and its JSON
 * path, as an out-of-order depth does (it loaded, and was refused only at create). */
Test(soil_profile, a_json_layer_thinner_than_the_minimum_names_its_file_and_line)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"depth_bottom_cm\": 50", "\"depth_bottom_cm\": 20.0005"), &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "t.json:11: layers[1].depth_bottom_cm: layer 2: the layer from 20 to "
                            "20.0005 cm is 0.0005 cm thick") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"depth_bottom_cm\": 50", "\"depth_bottom_cm\": 20.001"), &p),
                 AGRO_OK, "%s", msg());
    /* a layer 1 of 1 % organic C no thicker than its OXLT, 0.4 cm (as the N params hold it) */
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"depth_bottom_cm\": 20", "\"depth_bottom_cm\": 0.4"), &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "t.json:8: layers[0].depth_bottom_cm: layer 1: the layer's thickness must "
                            "be more than OXLT 0.4 cm") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"depth_bottom_cm\": 20", "\"depth_bottom_cm\": 0.41"), &p),
                 AGRO_OK, "%s", msg());
}

Test(soil_profile, error_json_syntax)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"source\": \"test\",\n  \"surface\"", "\"source\": \"test\"\n  \"surface\""), &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "t.json:5: JSON syntax error"), "%s", msg());
}

Test(soil_profile, error_json_unknown_key)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null", "\"ksat_cm_hr\": 2"), &p), AGRO_EKEY);
    cr_expect(strstr(msg(), "t.json:10: layers[0].ksat_cm_hr: unknown key \"ksat_cm_hr\""), "%s", msg());
}

Test(soil_profile, error_json_value_out_of_range)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"albedo\": 0.13", "\"albedo\": 1.3"), &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "t.json:5: surface.albedo: value 1.3 outside [0, 1]"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"schema_version\": 1", "\"schema_version\": 2"), &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "schema_version"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"albedo\": 0.13", "\"albedo\": \"low\""), &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "surface.albedo: expected a number"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("  \"source\": \"test\",\n", ""), &p), AGRO_EMISSING);
    cr_expect(strstr(msg(), "required key \"source\" is missing"), "%s", msg());
}

Test(soil_profile, error_json_physical_inconsistency_names_the_layer)
{
    agro_soil_profile p;
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"ll_cm3_cm3\": 0.2", "\"ll_cm3_cm3\": 0.3"), &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "t.json:11: layers[1].ll_cm3_cm3: layer 2 (bottom 50 cm): lower limit"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"depth_bottom_cm\": 50", "\"depth_bottom_cm\": 20"), &p), AGRO_EORDER);
    cr_expect(strstr(msg(), "t.json:11: layers[1].depth_bottom_cm:"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"sat_cm3_cm3\": 0.41", "\"sat_cm3_cm3\": 0.25"), &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layers[1].dul_cm3_cm3") && strstr(msg(), "below saturation"), "%s", msg());
}

/* A layer written over several lines: a physical check names the line of the key it names, as
 * a range error does, not the line of the layer's "{" (it named line 7 for the LL on line 10) */
Test(soil_profile, error_json_physical_inconsistency_names_the_line_of_its_key)
{
    static const char text[] =
        "{\"schema_version\": 1, \"id\": \"ML\", \"source\": \"test\",\n"              /* 1 */
        " \"surface\": {\"albedo\": 0.13, \"evap_limit_mm\": 6, \"drainage_rate_per_day\": 0.5,\n" /* 2 */
        "             \"runoff_curve_number\": 75, \"source\": \"test\"},\n"                  /* 3 */
        " \"layers\": [\n"                                                                     /* 4 */
        "  {\"depth_bottom_cm\": 15, \"ll_cm3_cm3\": 0.2, \"dul_cm3_cm3\": 0.3, \"sat_cm3_cm3\": 0.4,\n" /* 5 */
        "   \"root_growth_factor\": 1, \"bulk_density_g_cm3\": 1.4, \"organic_carbon_pct\": 1},\n" /* 6 */
        "  {\n"                                                                                 /* 7 */
        "   \"depth_bottom_cm\": DEPTH,\n"                                                     /* 8 */
        "   \"dul_cm3_cm3\": 0.3,\n"                                                           /* 9 */
        "   \"ll_cm3_cm3\": LL,\n"                                                             /* 10 */
        "   \"sat_cm3_cm3\": 0.4,\n"                                                           /* 11 */
        "   \"root_growth_factor\": 1,\n"                                                      /* 12 */
        "   \"bulk_density_g_cm3\": 1.4,\n"                                                    /* 13 */
        "   \"organic_carbon_pct\": 1\n"                                                       /* 14 */
        "  }\n"
        " ]\n"
        "}\n";
    char buf[2048];
    agro_soil_profile p;
    const struct { const char *depth, *ll; int status; const char *want; } cases[] = {
        {"30", "0.2", AGRO_OK, NULL},
        {"30", "0.35", AGRO_ERANGE, "ML.json:10: layers[1].ll_cm3_cm3: layer 2 (bottom 30 cm): lower limit"},
        {"10", "0.2", AGRO_EORDER, "ML.json:8: layers[1].depth_bottom_cm: layer 2 (bottom 10 cm)"},
        {"15.0005", "0.2", AGRO_ERANGE, "ML.json:8: layers[1].depth_bottom_cm: layer 2: the layer"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *d = strstr(text, "DEPTH"), *l = strstr(text, "LL,");
        snprintf(buf, sizeof buf, "%.*s%s%.*s%s%s", (int)(d - text), text, cases[k].depth,
                 (int)(l - d - 5), d + 5, cases[k].ll, l + 2);
        cr_expect_eq(agro_soil_load_json(ctx, write_file("ML.json", buf), &p), cases[k].status,
                     "%zu: %s", k, msg());
        if (cases[k].want)
            cr_expect(strstr(msg(), cases[k].want), "%zu: %s", k, msg());
    }
}

/* ---------- validation and subdivision ---------- */

Test(soil_profile, validate_rejects_each_inconsistency)
{
    agro_soil_profile good;
    cr_assert_eq(agro_soil_load_json(ctx, MODELS_SOILS "/goroka_clay_loam.json", &good), AGRO_OK);
    cr_expect_eq(agro_soil_validate(ctx, &good, "goroka"), AGRO_OK);
    typedef struct { double *field; double value; int status; const char *text; } bad_case;
    bad_case cases[6];
    agro_soil_profile p;
    int n = 0;
#define CASE(member, v, st, t) cases[n++] = (bad_case){&p.member, v, st, t}
    CASE(depth_cm[3], 10.0, AGRO_EORDER, "goroka: depth_cm[3]: layer 4");
    CASE(ll[2], 0.40, AGRO_ERANGE, "goroka: ll[2]: layer 3");
    CASE(sat[5], 0.30, AGRO_ERANGE, "goroka: dul[5]: layer 6");
    CASE(runoff_curve_number, 120.0, AGRO_ERANGE, "goroka: runoff_curve_number: outside (0, 100] (120)");
    CASE(bulk_density_g_cm3[0], 3.1, AGRO_ERANGE, "goroka: bulk_density_g_cm3[0]: layer 1 (bottom 5 cm): outside [0.1, 2.65] (3.1)");
    CASE(clay_pct[1], 70.0, AGRO_ERANGE, "goroka: silt_pct[1]: layer 2 (bottom 15 cm): clay 70 % + silt 37 % exceed 100 %");
    for (int k = 0; k < n; k++) {
        p = good;
        *cases[k].field = cases[k].value;
        cr_expect_eq(agro_soil_validate(ctx, &p, "goroka"), cases[k].status, "case %d", k);
        cr_expect(strstr(msg(), cases[k].text), "case %d: %s", k, msg());
    }
    p = good;
    p.depth_cm[0] = -5.0;
    cr_expect_eq(agro_soil_validate(ctx, &p, NULL), AGRO_EORDER);
    p = good;
    p.n_layers = 0;
    cr_expect_eq(agro_soil_validate(ctx, &p, NULL), AGRO_EMISSING);
    p = good;
    p.albedo = NAN;
    cr_expect_eq(agro_soil_validate(ctx, &p, NULL), AGRO_EMISSING);
    cr_expect_eq(agro_soil_validate(ctx, NULL, NULL), AGRO_EINVAL);
}

/* An infinite value was "value required" (AGRO_EMISSING), as if absent: it is out of range
 * (AGRO_ERANGE, with the range or "must be finite"), required or optional, in a layer, at the
 * surface or the site; NaN stays a missing value. */
Test(soil_profile, an_infinite_value_is_out_of_range_not_missing)
{
    agro_soil_profile good;
    cr_assert_eq(agro_soil_load_json(ctx, MODELS_SOILS "/goroka_clay_loam.json", &good), AGRO_OK);
    typedef struct { double *field; double value; int status; const char *text; } bad_case;
    bad_case cases[12];
    agro_soil_profile p;
    int n = 0;
#define CASE(member, v, st, t) cases[n++] = (bad_case){&p.member, v, st, t}
    CASE(ll[2], INFINITY, AGRO_ERANGE, "ll[2]: layer 3 (bottom 30 cm): outside [0, 1] (inf)");
    CASE(root_growth_factor[0], -INFINITY, AGRO_ERANGE, "root_growth_factor[0]: layer 1 (bottom 5 cm): outside [0, 1] (-inf)");
    CASE(ksat_cm_h[1], INFINITY, AGRO_ERANGE, "ksat_cm_h[1]: layer 2 (bottom 15 cm): outside [0, 1000] (inf)");
    CASE(albedo, INFINITY, AGRO_ERANGE, "albedo: outside [0, 1] (inf)");
    CASE(runoff_curve_number, -INFINITY, AGRO_ERANGE, "runoff_curve_number: outside (0, 100] (-inf)");
    CASE(latitude_deg, INFINITY, AGRO_ERANGE, "latitude_deg: outside [-90, 90] (inf)");
    CASE(depth_cm[3], INFINITY, AGRO_ERANGE, "depth_cm[3]: layer 4 (bottom inf cm): layer depth must be finite (inf)");
    CASE(depth_cm[0], -INFINITY, AGRO_ERANGE, "depth_cm[0]: layer 1 (bottom -inf cm): layer depth must be finite (-inf)");
    /* NaN: missing, as before */
    CASE(ll[2], NAN, AGRO_EMISSING, "ll[2]: layer 3 (bottom 30 cm): value required (nan)");
    CASE(albedo, NAN, AGRO_EMISSING, "albedo: value required (nan)");
    CASE(depth_cm[3], NAN, AGRO_EMISSING, "depth_cm[3]: layer 4 (bottom nan cm): layer depth required (nan)");
#undef CASE
    for (int k = 0; k < n; k++) {
        p = good;
        *cases[k].field = cases[k].value;
        cr_expect_eq(agro_soil_validate(ctx, &p, "goroka"), cases[k].status, "case %d: %s", k, msg());
        cr_expect(strstr(msg(), cases[k].text), "case %d: %s", k, msg());
    }
}

Test(soil_profile, subdivide_splits_thick_layers_and_conserves_water)
{
    agro_soil_profile p, orig;
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IB00000001", &p), AGRO_OK, "%s", msg());
    orig = p;
    double cap0 = 0.0, cap1 = 0.0;
    for (int i = 0; i < p.n_layers; i++)
        cap0 += (p.dul[i] - p.ll[i]) * agro_soil_layer_thickness_cm(&p, i);
    cr_assert_eq(agro_soil_subdivide(ctx, &p, 10.0), AGRO_OK, "%s", msg());
    /* 5,10,15,15,15,30,30,30,30,30 cm -> 1+1+2+2+2+3*5 = 23 layers */
    cr_expect_eq(p.n_layers, 23);
    cr_expect_float_eq(p.depth_cm[p.n_layers - 1], orig.depth_cm[orig.n_layers - 1], 1e-9);
    for (int i = 0; i < p.n_layers; i++) {
        double t = agro_soil_layer_thickness_cm(&p, i);
        cr_expect(t > 0.0 && t <= 10.0 + 1e-9, "layer %d thickness %g", i, t);
        cap1 += (p.dul[i] - p.ll[i]) * t;
    }
    cr_expect_float_eq(cap1, cap0, 1e-9, "extractable water must be conserved");
    cr_expect_eq(agro_soil_validate(ctx, &p, "subdivided"), AGRO_OK, "%s", msg());
    /* the 15 cm layer 30..45 cm became 30..37.5 and 37.5..45 cm with its own LL */
    cr_expect_float_eq(p.depth_cm[4], 37.5, 1e-9);
    cr_expect_float_eq(p.ll[4], orig.ll[3], 1e-12);
    /* a second pass with the same limit changes nothing */
    agro_soil_profile again = p;
    cr_expect_eq(agro_soil_subdivide(ctx, &again, 10.0), AGRO_OK);
    cr_expect_eq(again.n_layers, p.n_layers);

    agro_soil_profile q = orig;
    cr_expect_eq(agro_soil_subdivide(ctx, &q, 1.0), AGRO_ELIMIT);
    cr_expect(strstr(msg(), "more than 40 layers"), "%s", msg());
    cr_expect(memcmp(&q, &orig, sizeof q) == 0, "profile unchanged on error");
    cr_expect_eq(agro_soil_subdivide(ctx, &q, 0.0), AGRO_EINVAL);
    cr_expect_eq(agro_soil_subdivide(ctx, &q, NAN), AGRO_EINVAL);
    cr_expect(isnan(agro_soil_layer_thickness_cm(&q, q.n_layers)));
    cr_expect_eq(agro_sizeof_soil_profile(), sizeof(agro_soil_profile));
}

/* agro_soil_subdivide made what agro_soil_validate then refused: a limit of 0.0005 cm split a
   0.004/0.008 cm profile into 16 layers of 0.0005 cm, a 0.0016 cm layer at 0.0015 into two of
   0.0008 cm, and a 5 cm layer 1 at 0.4 cm into pieces of 0.3846 cm, under its OXLT of 0.5 cm
   (OC1 0), all with AGRO_OK. A limit below the minimum, and a split that would make such a
   layer, are refused naming max_thickness_cm, the profile unchanged; whatever it returns
   AGRO_OK for, agro_soil_validate takes. */
Test(soil_profile, subdivide_makes_no_layer_that_validate_refuses)
{
    agro_soil_profile base, p;
    cr_assert_eq(agro_soil_load_json(ctx, MODELS_SOILS "/morogoro_sandy_clay_loam.json", &base),
                 AGRO_OK, "%s", msg());
    /* a thin profile: layer 1 to 0.004 cm (OC1 5 %: OXLT 0.001 cm), layer 2 0.0016 cm */
    agro_soil_profile thin = base;
    thin.n_layers = 2;
    thin.depth_cm[0] = 0.004;
    thin.depth_cm[1] = 0.0056;
    thin.organic_carbon_pct[0] = 5.0;
    cr_assert_eq(agro_soil_validate(ctx, &thin, "thin"), AGRO_OK, "%s", msg());

    p = thin;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, 0.0005), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "max_thickness_cm: must be at least 0.001 cm, the thinnest the soil "
                            "models take") != NULL, "%s", msg());
    cr_expect(strstr(msg(), "(0.0005)") != NULL, "%s", msg());
    cr_expect(memcmp(&p, &thin, sizeof p) == 0, "profile unchanged on error");
    /* the 1e-9 cm allowance of the profile checks, and no further */
    p = thin;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, AGRO_SOIL_MIN_LAYER_CM - 2e-9), AGRO_ERANGE);
    p = thin;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, 1e-300), AGRO_ERANGE);
    /* still not a positive number: AGRO_EINVAL as before */
    p = thin;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, -0.0005), AGRO_EINVAL);

    /* 0.0015 cm: layer 1 into 3 of 0.00133 cm, layer 2 into 2 of 0.0008 cm, refused */
    p = thin;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, 0.0015), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "max_thickness_cm: splitting layer 2 (0.004 to 0.0056 cm) into 2 "
                            "layers of at most 0.0015 cm: the layer from 0.004 to 0.0048 cm is "
                            "0.0008 cm thick, thinner than 0.001 cm") != NULL, "%s", msg());
    cr_expect(memcmp(&p, &thin, sizeof p) == 0, "profile unchanged on error");
    /* 0.002 cm: layer 1 into 2 of 0.002 cm, layer 2 kept */
    p = thin;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, 0.002), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 3);
    cr_expect_eq(agro_soil_validate(ctx, &p, "split"), AGRO_OK, "%s", msg());

    /* a 5 cm layer 1 alone, OC1 0: OXLT 0.5 cm; 0.4 cm makes 13 layers of 0.3846 cm */
    agro_soil_profile top = base;
    top.n_layers = 1;
    top.depth_cm[0] = 5.0;
    top.organic_carbon_pct[0] = 0.0;
    p = top;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, 0.4), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "max_thickness_cm: splitting layer 1 (0 to 5 cm) into 13 layers of at "
                            "most 0.4 cm: the layer's thickness must be more than OXLT 0.5 cm") !=
                  NULL, "%s", msg());
    cr_expect(strstr(msg(), "(0.384615)") != NULL, "%s", msg());
    cr_expect(memcmp(&p, &top, sizeof p) == 0, "profile unchanged on error");
    /* OC1 2 %: OXLT 0.3 cm, and the same split is taken */
    top.organic_carbon_pct[0] = 2.0;
    p = top;
    cr_expect_eq(agro_soil_subdivide(ctx, &p, 0.4), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 13);
    cr_expect_eq(agro_soil_validate(ctx, &p, "split"), AGRO_OK, "%s", msg());

    /* over limits from below the minimum to above every layer: AGRO_OK only with a profile
       agro_soil_validate takes, the profile unchanged otherwise */
    const agro_soil_profile *const cases[] = {&thin, &top, &base};
    int ok = 0, refused = 0;
    for (int c = 0; c < 3; c++) {
        for (double m = 0.0004; m < 400.0; m *= 1.07) {
            p = *cases[c];
            const int rc = agro_soil_subdivide(ctx, &p, m);
            if (rc == AGRO_OK) {
                ok++;
                cr_expect_eq(agro_soil_validate(ctx, &p, "split"), AGRO_OK,
                             "case %d, %.17g cm: %s", c, m, msg());
            } else {
                refused++;
                cr_expect(rc == AGRO_ERANGE || rc == AGRO_ELIMIT, "case %d, %g: %d", c, m, rc);
                cr_expect(memcmp(&p, cases[c], sizeof p) == 0, "case %d, %g unchanged", c, m);
            }
        }
    }
    cr_expect(ok > 100 && refused > 50, "%d taken, %d refused", ok, refused);
}

/* Layer bottoms of @p p as a string "5,15,30" for readable failures. */
static const char *bottoms(const agro_soil_profile *p)
{
    static char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < p->n_layers && len < sizeof buf - 16; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%g", i ? "," : "", p->depth_cm[i]);
    return buf;
}

Test(soil_profile, dssat_layering_splits_as_lyrset2_and_keeps_the_soil_water)
{
    /* LYRSET2 (DSSAT's default MESOL 2): 5 and 15 cm on top, then the file's layers, split
       into 2 above 90 cm when 15-30 cm thick (LMATCH.for) */
    agro_soil_profile p, orig;
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IBMZ910014", &p), AGRO_OK, "%s", msg());
    orig = p; /* 5, 15, 30, 60, 90, 120, 150, 180 */
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &p, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&p), "5,15,30,45,60,90,120,150,180");
    /* 30..60 cm split in two: both halves keep its values */
    cr_expect_float_eq(p.dul[3], orig.dul[3], 1e-12);
    cr_expect_float_eq(p.dul[4], orig.dul[3], 1e-12);
    cr_expect_float_eq(p.root_growth_factor[4], orig.root_growth_factor[3], 1e-12);
    cr_expect_float_eq(p.organic_carbon_pct[0], orig.organic_carbon_pct[0], 1e-12);
    cr_expect(isnan(p.total_n_pct[3]), "unknown SLNI stays unknown");
    double cap0 = 0.0, cap1 = 0.0;
    for (int i = 0; i < orig.n_layers; i++)
        cap0 += (orig.dul[i] - orig.ll[i]) * agro_soil_layer_thickness_cm(&orig, i);
    for (int i = 0; i < p.n_layers; i++)
        cap1 += (p.dul[i] - p.ll[i]) * agro_soil_layer_thickness_cm(&p, i);
    cr_expect_float_eq(cap1, cap0, 1e-9, "extractable water conserved");
    cr_expect_eq(agro_soil_validate(ctx, &p, "re-layered"), AGRO_OK, "%s", msg());
    /* the shallow Zaragoza loam (30, 60, 80 cm): 0-30 becomes 5, 15, 30; 30-60 two layers;
       60-80 (20 cm above 90 cm) two layers */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "SIAZ950001", &p), AGRO_OK, "%s", msg());
    orig = p;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &p, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&p), "5,15,30,45,60,70,80");
    cr_expect_float_eq(p.ll[2], orig.ll[0], 1e-12);
    cr_expect_float_eq(p.ll[6], orig.ll[2], 1e-12);
    /* a layer straddling a file boundary takes the thickness-weighted mean: file layers 0-10
       and 10-20 cm become 0-5, 5-15 (half of each), 15-20 */
    agro_soil_profile q = orig;
    q.n_layers = 2;
    q.depth_cm[0] = 10, q.depth_cm[1] = 20;
    q.ll[0] = 0.10, q.ll[1] = 0.20;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&q), "5,15,20");
    cr_expect_float_eq(q.ll[0], 0.10, 1e-12);
    cr_expect_float_eq(q.ll[1], 0.15, 1e-12);
    cr_expect_float_eq(q.ll[2], 0.20, 1e-12);
    /* a 25 cm layer splits at its bottom − NINT(12.5) = 13 cm (Fortran NINT rounds halves away
       from 0): 15-40 cm becomes 15-27 and 27-40 */
    q = orig;
    q.n_layers = 2;
    q.depth_cm[0] = 15, q.depth_cm[1] = 40;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&q), "5,15,27,40");
    /* 3 (LYRSET3) keeps the file's layers */
    p = orig;
    cr_expect_eq(agro_soil_relayer_dssat(ctx, &p, 3), AGRO_OK);
    cr_expect(memcmp(&p, &orig, sizeof p) == 0);
}

Test(soil_profile, dssat_layering_lyrset_fixed_depths_and_errors)
{
    /* LYRSET (MESOL 1): 5, 15, 30, 45, 60, 90 cm ...; the layer reaching the bottom ends there,
       and a last layer thinner than 15 cm and the one above shares their thickness: 0-100 cm
       gives 90-100 (10 cm) after 60-90 (30 cm), so both become 20 cm */
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IBMZ910014", &p), AGRO_OK, "%s", msg());
    p.n_layers = 5;
    p.depth_cm[4] = 100.0; /* 5, 15, 30, 60, 100 */
    agro_soil_profile q = p;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, 1), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&q), "5,15,30,45,60,80,100");
    /* errors leave the profile unchanged */
    agro_soil_profile r = p;
    cr_expect_eq(agro_soil_relayer_dssat(ctx, &r, 4), AGRO_ERANGE);
    cr_expect(strstr(msg(), "MESOL") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_relayer_dssat(ctx, &r, 0), AGRO_ERANGE);
    cr_expect(memcmp(&r, &p, sizeof r) == 0);
    r.depth_cm[2] = r.depth_cm[1];
    cr_expect_eq(agro_soil_relayer_dssat(ctx, &r, 2), AGRO_EORDER);
    cr_expect_eq(agro_soil_relayer_dssat(ctx, NULL, 2), AGRO_EINVAL);
    /* a very deep profile in thin layers needs more than 40 DSSAT layers */
    agro_soil_profile deep = p;
    deep.n_layers = 40;
    for (int i = 0; i < 40; i++) deep.depth_cm[i] = 100.0 * (i + 1);
    for (int i = 0; i < 40; i++) deep.ll[i] = p.ll[0], deep.dul[i] = p.dul[0], deep.sat[i] = p.sat[0];
    agro_soil_profile d0 = deep;
    cr_expect_eq(agro_soil_relayer_dssat(ctx, &deep, 2), AGRO_ELIMIT);
    cr_expect(memcmp(&deep, &d0, sizeof deep) == 0);
}

/* A valid profile ending less than 0.001 cm below 5 cm (2 and 5.0005 cm) was re-layered by
 * MESOL 2 into 0-5 and 5-5.0005 cm with AGRO_OK, a layer agro_soil_validate and the soil models
 * refuse: agrosim ends LYRSET2's fixed 15 cm layer at the profile's bottom (DSSAT keeps it, past
 * the profile). The sliver joins layer 1, as LYRSET2 adds a thin bottom layer to the one above;
 * over bottoms near the fixed depths, MESOL 1 and 2 give a profile agro_soil_validate takes. */
Test(soil_profile, dssat_layering_leaves_no_layer_thinner_than_the_minimum)
{
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "IBMZ910014", &p), AGRO_OK, "%s", msg());
    p.n_layers = 2;
    p.depth_cm[0] = 2.0;
    p.depth_cm[1] = 5.0005;
    cr_assert_eq(agro_soil_validate(ctx, &p, "in"), AGRO_OK, "%s", msg());
    agro_soil_profile q = p;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&q), "5.0005");
    cr_expect_eq(agro_soil_validate(ctx, &q, "out"), AGRO_OK, "%s", msg());
    /* layer 1 takes the thickness-weighted mean of both file layers, the sliver included */
    cr_expect_float_eq(q.ll[0], (2.0 * p.ll[0] + 3.0005 * p.ll[1]) / 5.0005, 1e-12);
    /* a piece of the minimum is a layer of its own */
    q = p;
    q.depth_cm[1] = 5.001;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&q), "5,5.001");
    static const double near[] = {5.0, 15.0, 30.0, 45.0, 60.0};
    static const double off[] = {-0.0005, 0.0, 0.0001, 0.0005, 0.00099, 0.001, 0.0015};
    for (int mesol = 1; mesol <= 2; mesol++)
        for (size_t a = 0; a < sizeof near / sizeof near[0]; a++)
            for (size_t b = 0; b < sizeof off / sizeof off[0]; b++) {
                q = p;
                q.depth_cm[1] = near[a] + off[b];
                cr_assert_eq(agro_soil_validate(ctx, &q, "in"), AGRO_OK, "%s", msg());
                cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, mesol), AGRO_OK, "%s", msg());
                cr_expect_eq(agro_soil_validate(ctx, &q, "out"), AGRO_OK, "MESOL %d, bottom %.15g: %s",
                             mesol, near[a] + off[b], msg());
            }
}

/* ---------- anion adsorption coefficient (SADC) ---------- */

Test(soil_profile, sadc_reads_from_sol_json_and_survives_subdivision)
{
    agro_soil_profile p;
    /* EB.SOL EBMZ850001 (Bowen et al. 1993 oxidic subsoil): SADC 0.0 ... 1.6 by layer */
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, SOIL_DIR, "EBMZ850001", &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.n_layers, 8);
    cr_expect_float_eq(p.anion_adsorption_cm3_g[0], 0.0, 1e-12);
    cr_expect_float_eq(p.anion_adsorption_cm3_g[3], 0.4, 1e-12);
    cr_expect_float_eq(p.anion_adsorption_cm3_g[7], 1.6, 1e-12);
    /* SADC -99 (the test file) loads as unknown */
    agro_soil_profile t;
    cr_assert_eq(agro_soil_load_dssat(ctx, sol_with_layer2(SOL_L2), "TEST000001", &t), AGRO_OK, "%s",
                 msg());
    cr_expect(isnan(t.anion_adsorption_cm3_g[1]));
    /* subdivision keeps each layer's SADC */
    agro_soil_profile q = p;
    cr_assert_eq(agro_soil_subdivide(ctx, &q, 5.0), AGRO_OK, "%s", msg());
    cr_expect_float_eq(q.anion_adsorption_cm3_g[q.n_layers - 1], 1.6, 1e-12);
    cr_expect_float_eq(q.anion_adsorption_cm3_g[0], 0.0, 1e-12);
    /* JSON key, optional, checked for range */
    cr_assert_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null}", "\"ksat_cm_h\": null, \"anion_adsorption_cm3_g\": 0.8}"), &p),
                 AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.anion_adsorption_cm3_g[0], 0.8, 1e-12);
    cr_expect(isnan(p.anion_adsorption_cm3_g[1]));
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null}", "\"ksat_cm_h\": null, \"anion_adsorption_cm3_g\": -1}"), &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "layers[0].anion_adsorption_cm3_g"), "%s", msg());
    /* validation of a hand-made profile names the struct field */
    q.anion_adsorption_cm3_g[2] = 20.0;
    cr_expect_eq(agro_soil_validate(ctx, &q, "hand"), AGRO_ERANGE);
    cr_expect(strstr(msg(), "anion_adsorption_cm3_g[2]"), "%s", msg());
}

/* ---------- soil chemistry for the P model (SCEC, CACO3, SLBS, SLKE, SLPX, SLPO, SMPX) ---------- */

Test(soil_profile, p_chemistry_reads_by_column_name_and_slca_is_not_caco3)
{
    agro_soil_profile p;
    /* GH.SOL GHWA040001: SMPX SA002 (Bray No. 1); SCEC in the first table; the second table
     * holds SLCA (exchangeable Ca) in the 4th column where other files have CACO3 */
    cr_assert_eq(agro_soil_load_dssat(ctx, SOIL_DIR "/GH.SOL", "GHWA040001", &p), AGRO_OK, "%s",
                 msg());
    cr_expect_eq(p.p_method, 2);
    cr_expect_eq(p.n_layers, 5);
    cr_expect_float_eq(p.cec_cmol_kg[0], 1.0, 1e-12);
    cr_expect_float_eq(p.cec_cmol_kg[3], 0.9, 1e-12);
    cr_expect_float_eq(p.cec_cmol_kg[4], 0.8, 1e-12);
    for (int i = 0; i < p.n_layers; i++) {
        cr_expect(isnan(p.caco3_g_kg[i]), "layer %d: SLCA %g read as CACO3", i, p.caco3_g_kg[i]);
        cr_expect(isnan(p.extractable_p_mg_kg[i]) && isnan(p.organic_p_mg_kg[i]), "SLPX/SLPO -99");
        cr_expect(isnan(p.base_sum_cmol_kg[i]), "SLBS -99");
        cr_expect_float_eq(p.exch_k_cmol_kg[i], 0.1, 1e-12, "SLKE \".1\"");
    }
    /* the same file's GHWA020001 has measured SLPX */
    cr_assert_eq(agro_soil_load_dssat(ctx, SOIL_DIR "/GH.SOL", "GHWA020001", &p), AGRO_OK, "%s",
                 msg());
    cr_expect_float_eq(p.extractable_p_mg_kg[0], 3.67, 1e-12);
    cr_expect_float_eq(p.extractable_p_mg_kg[1], 3.44, 1e-12);
}

Test(soil_profile, p_chemistry_of_a_profile_with_slpx_and_caco3)
{
    agro_soil_profile p;
    /* SOIL.SOL UFBG760002 (Lauderhill muck): SMPX SA001 (Olsen), second table
     * SLB SLPX SLPT SLPO CACO3 SLAL SLFE SLMN SLBS SLPA SLPB SLKE ... SLCA */
    cr_assert_eq(agro_soil_load_dssat(ctx, SOIL_DIR "/SOIL.SOL", "UFBG760002", &p), AGRO_OK, "%s",
                 msg());
    cr_expect_eq(p.p_method, 1);
    cr_expect_eq(p.n_layers, 4);
    cr_expect_float_eq(p.extractable_p_mg_kg[0], 96.0, 1e-12);
    cr_expect_float_eq(p.extractable_p_mg_kg[1], 56.0, 1e-12);
    cr_expect_float_eq(p.extractable_p_mg_kg[3], 0.1, 1e-12);
    cr_expect_float_eq(p.organic_p_mg_kg[0], 187.0, 1e-12);
    cr_expect_float_eq(p.organic_p_mg_kg[2], 100.0, 1e-12);
    cr_expect_float_eq(p.caco3_g_kg[0], 0.27, 1e-12, "CACO3, not SLCA (also 0.27 here)");
    cr_expect_float_eq(p.caco3_g_kg[1], 0.12, 1e-12);
    cr_expect_float_eq(p.caco3_g_kg[3], 0.09, 1e-12, "CACO3 0.09, SLCA 0.10");
    cr_expect_float_eq(p.base_sum_cmol_kg[0], 0.1, 1e-12);
    cr_expect(isnan(p.base_sum_cmol_kg[1]), "SLBS -99");
    cr_expect_float_eq(p.exch_k_cmol_kg[0], 0.08, 1e-12);
    cr_expect_float_eq(p.exch_k_cmol_kg[1], 0.03, 1e-12);
    cr_expect_float_eq(p.cec_cmol_kg[0], 211.0, 1e-12);
    cr_expect(isnan(p.cec_cmol_kg[3]));
    /* BR.SOL BRPA080004: CACO3 -99 is unknown; SMPX IB001 (DSSAT's placeholder) is unknown */
    cr_assert_eq(agro_soil_load_dssat(ctx, SOIL_DIR "/BR.SOL", "BRPA080004", &p), AGRO_OK, "%s",
                 msg());
    cr_expect_eq(p.p_method, 0);
    cr_expect(isnan(p.caco3_g_kg[0]) && isnan(p.extractable_p_mg_kg[0]));
    cr_expect_float_eq(p.exch_k_cmol_kg[11], 0.1, 1e-12);
    cr_expect_float_eq(p.cec_cmol_kg[0], 7.9, 1e-12);
    /* the test file's SMPX IB001 and no P columns: all unknown */
    cr_assert_eq(agro_soil_load_dssat(ctx, sol_with_layer2(SOL_L2), "TEST000001", &p), AGRO_OK,
                 "%s", msg());
    cr_expect_eq(p.p_method, 0);
    cr_expect(isnan(p.cec_cmol_kg[0]) && isnan(p.organic_p_mg_kg[2]));
}

/* The test profile with SMPX @p smpx and a second layer table whose 30 cm row is @p row2. */
static const char *sol_with_p_table(const char *smpx, const char *row2)
{
    static char text[8192];
    char head[1024];
    snprintf(head, sizeof head, "%s", SOL_HEAD);
    char *at = strstr(head, "IB001 IB001 IB001");
    cr_assert_not_null(at);
    char tail[64];
    snprintf(tail, sizeof tail, "%5s IB001\n", smpx);
    snprintf(at + 6, sizeof head - (size_t)(at + 6 - head), "%s", tail);
    snprintf(text, sizeof text, "%s%s%s%s%s%s%s%s%s", head, SOL_LAYER_HDR, SOL_L1, SOL_L2, SOL_L3,
             "@  SLB  SLPX  SLPT  SLPO CACO3  SLBS  SLKE\n",
             "    15  12.5   -99  40.0   2.0   8.0  0.40\n", row2,
             "    60   4.0   -99  20.0   -99   4.0  0.20\n");
    return write_file("PX.SOL", text);
}

Test(soil_profile, p_method_codes_and_errors_name_file_line_and_field)
{
    agro_soil_profile p;
    const char *ok_row = "    30   8.0   -99  30.0   3.0   6.0  0.30\n";
    cr_assert_eq(agro_soil_load_dssat(ctx, sol_with_p_table("SA002", ok_row), "TEST000001", &p),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(p.p_method, 2);
    cr_expect_float_eq(p.extractable_p_mg_kg[1], 8.0, 1e-12);
    cr_expect_float_eq(p.caco3_g_kg[1], 3.0, 1e-12);
    cr_expect(isnan(p.caco3_g_kg[2]));
    cr_expect_float_eq(p.exch_k_cmol_kg[2], 0.2, 1e-12);
    cr_expect_float_eq(p.base_sum_cmol_kg[0], 8.0, 1e-12);
    cr_expect(isnan(p.cec_cmol_kg[0]), "SCEC -99 in the first table");
    cr_assert_eq(agro_soil_load_dssat(ctx, sol_with_p_table("SA015", ok_row), "TEST000001", &p),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(p.p_method, 15);
    cr_assert_eq(agro_soil_load_dssat(ctx, sol_with_p_table("-99", ok_row), "TEST000001", &p),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(p.p_method, 0);
    /* codes that are not SA001..SA015 are refused on the surface line (line 6) */
    const char *bad[] = {"SA099", "SA000", "SA01X", "Bray", "2"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_p_table(bad[k], ok_row), "TEST000001", &p),
                     AGRO_EFORMAT, "%s", bad[k]);
        char want[128];
        snprintf(want, sizeof want, "PX.SOL:6: SMPX: P extraction method must be a code "
                                    "SA001..SA015 or -99 (\"%s\")", bad[k]);
        cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    }
    /* SLPX out of its plausibility range: the line the value is on, the second table's row
       (line 13), not the layer's row of the first table (line 9), which has no SLPX */
    const char *hi = "    30  6000   -99  30.0   3.0   6.0  0.30\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_p_table("SA002", hi), "TEST000001", &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "PX.SOL:13: SLPX: layer 2 (bottom 30 cm): outside [0, 5000] (6000)"),
              "%s", msg());
    const char *neg = "    30   8.0   -99  30.0  -3.0   6.0  0.30\n";
    cr_expect_eq(agro_soil_load_dssat(ctx, sol_with_p_table("SA002", neg), "TEST000001", &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "PX.SOL:13: CACO3: layer 2 (bottom 30 cm): outside [0, 1000] (-3)"),
              "%s", msg());
    /* a first-table value stays named at its own line when a later table follows (line 9) */
    char text[8192];
    helper_read_text(sol_with_p_table("SA002", ok_row), text, sizeof text);
    char *slni = strstr(text, "0.060   6.0");
    cr_assert_not_null(slni);
    memcpy(slni, "20.00", 5);
    cr_expect_eq(agro_soil_load_dssat(ctx, write_file("P1.SOL", text), "TEST000001", &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "P1.SOL:9: SLNI: layer 2 (bottom 30 cm): outside [0, 10] (20)"),
              "%s", msg());
    /* validation of a hand-made profile names the struct fields */
    cr_assert_eq(agro_soil_load_dssat(ctx, sol_with_p_table("SA002", ok_row), "TEST000001", &p),
                 AGRO_OK, "%s", msg());
    agro_soil_profile q = p;
    q.p_method = 16;
    cr_expect_eq(agro_soil_validate(ctx, &q, "hand"), AGRO_ERANGE);
    cr_expect(strstr(msg(), "hand: p_method: extractable-P method must be 0 (unknown) or 1..15"),
              "%s", msg());
    q = p;
    q.organic_p_mg_kg[2] = 20000.0;
    cr_expect_eq(agro_soil_validate(ctx, &q, "hand"), AGRO_ERANGE);
    cr_expect(strstr(msg(), "hand: organic_p_mg_kg[2]: layer 3 (bottom 60 cm): outside [0, 10000]"),
              "%s", msg());
    q = p;
    q.exch_k_cmol_kg[0] = 150.0;
    cr_expect_eq(agro_soil_validate(ctx, &q, "hand"), AGRO_ERANGE);
    cr_expect(strstr(msg(), "exch_k_cmol_kg[0]"), "%s", msg());
    q = p;
    q.cec_cmol_kg[0] = 600.0;
    cr_expect_eq(agro_soil_validate(ctx, &q, "hand"), AGRO_ERANGE);
    cr_expect(strstr(msg(), "cec_cmol_kg[0]"), "%s", msg());
    q = p;
    q.base_sum_cmol_kg[1] = -1.0;
    cr_expect_eq(agro_soil_validate(ctx, &q, "hand"), AGRO_ERANGE);
    cr_expect(strstr(msg(), "base_sum_cmol_kg[1]"), "%s", msg());
}

Test(soil_profile, p_chemistry_survives_subdivision_and_dssat_layering)
{
    agro_soil_profile p, orig;
    cr_assert_eq(agro_soil_load_dssat(ctx, SOIL_DIR "/SOIL.SOL", "UFBG760002", &p), AGRO_OK, "%s",
                 msg());
    orig = p; /* 20, 45, 60, 71 cm */
    /* subdivision: every sublayer keeps its parent's values and the method stays */
    cr_assert_eq(agro_soil_subdivide(ctx, &p, 10.0), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&p), "10,20,28.3333,36.6667,45,52.5,60,65.5,71");
    cr_expect_eq(p.p_method, 1);
    for (int j = 0; j < p.n_layers; j++) {
        int i = j < 2 ? 0 : j < 5 ? 1 : j < 7 ? 2 : 3;
        cr_expect_float_eq(p.extractable_p_mg_kg[j], orig.extractable_p_mg_kg[i], 1e-12, "%d", j);
        cr_expect_float_eq(p.organic_p_mg_kg[j], orig.organic_p_mg_kg[i], 1e-12, "%d", j);
        cr_expect_float_eq(p.caco3_g_kg[j], orig.caco3_g_kg[i], 1e-12, "%d", j);
        cr_expect_float_eq(p.exch_k_cmol_kg[j], orig.exch_k_cmol_kg[i], 1e-12, "%d", j);
        cr_expect(isnan(orig.base_sum_cmol_kg[i]) ? isnan(p.base_sum_cmol_kg[j])
                                                  : p.base_sum_cmol_kg[j] == orig.base_sum_cmol_kg[i],
                  "%d", j);
        cr_expect(isnan(orig.cec_cmol_kg[i]) ? isnan(p.cec_cmol_kg[j])
                                             : p.cec_cmol_kg[j] == orig.cec_cmol_kg[i], "%d", j);
    }
    /* LYRSET2: 0-20 cm becomes 5, 15, 20; 20-45 (25 cm) splits at 45 - NINT(12.5) = 32; a new
     * layer across a file boundary takes the thickness-weighted mean */
    p = orig;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &p, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&p), "5,15,20,32,45,60,71");
    cr_expect_eq(p.p_method, 1);
    cr_expect_float_eq(p.extractable_p_mg_kg[1], 96.0, 1e-12);
    cr_expect_float_eq(p.extractable_p_mg_kg[3], 56.0, 1e-12);
    cr_expect_float_eq(p.cec_cmol_kg[0], 211.0, 1e-12);
    cr_expect(isnan(p.cec_cmol_kg[6]), "SCEC -99 in the bottom layer stays unknown");
    /* two file layers 0-10 and 10-20 cm: 5-15 cm is half of each */
    agro_soil_profile q = orig;
    q.n_layers = 2;
    q.depth_cm[0] = 10, q.depth_cm[1] = 20;
    const double px[2] = {10.0, 30.0}, po[2] = {100.0, 50.0}, ca[2] = {2.0, 4.0},
                 bs[2] = {6.0, 8.0}, k[2] = {0.2, 0.4}, cec[2] = {12.0, 20.0};
    for (int i = 0; i < 2; i++) {
        q.extractable_p_mg_kg[i] = px[i], q.organic_p_mg_kg[i] = po[i], q.caco3_g_kg[i] = ca[i];
        q.base_sum_cmol_kg[i] = bs[i], q.exch_k_cmol_kg[i] = k[i], q.cec_cmol_kg[i] = cec[i];
    }
    agro_soil_profile r = q;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &q, 2), AGRO_OK, "%s", msg());
    cr_expect_str_eq(bottoms(&q), "5,15,20");
    cr_expect_float_eq(q.extractable_p_mg_kg[0], 10.0, 1e-12);
    cr_expect_float_eq(q.extractable_p_mg_kg[1], 20.0, 1e-12);
    cr_expect_float_eq(q.extractable_p_mg_kg[2], 30.0, 1e-12);
    cr_expect_float_eq(q.organic_p_mg_kg[1], 75.0, 1e-12);
    cr_expect_float_eq(q.caco3_g_kg[1], 3.0, 1e-12);
    cr_expect_float_eq(q.base_sum_cmol_kg[1], 7.0, 1e-12);
    cr_expect_float_eq(q.exch_k_cmol_kg[1], 0.3, 1e-12);
    cr_expect_float_eq(q.cec_cmol_kg[1], 16.0, 1e-12);
    /* an unknown value in one of the overlapped layers leaves the new layer unknown */
    r.extractable_p_mg_kg[1] = NAN;
    cr_assert_eq(agro_soil_relayer_dssat(ctx, &r, 2), AGRO_OK, "%s", msg());
    cr_expect_float_eq(r.extractable_p_mg_kg[0], 10.0, 1e-12);
    cr_expect(isnan(r.extractable_p_mg_kg[1]) && isnan(r.extractable_p_mg_kg[2]));
}

Test(soil_profile, p_chemistry_json_keys)
{
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_json(ctx, json_file(NULL, NULL), &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.p_method, 0, "absent p_method is unknown");
    cr_expect(isnan(p.cec_cmol_kg[0]) && isnan(p.caco3_g_kg[1]) && isnan(p.organic_p_mg_kg[0]));
    const char *keys = "\"ksat_cm_h\": null, \"cec_cmol_kg\": 12.5, \"caco3_g_kg\": 3,\n"
                       "     \"base_sum_cmol_kg\": 9, \"exch_k_cmol_kg\": 0.4, "
                       "\"extractable_p_mg_kg\": 7.5, \"organic_p_mg_kg\": null}";
    char text[1024];
    snprintf(text, sizeof text, "%s", keys);
    cr_assert_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null}", text), &p), AGRO_OK,
                 "%s", msg());
    cr_expect_float_eq(p.cec_cmol_kg[0], 12.5, 1e-12);
    cr_expect_float_eq(p.caco3_g_kg[0], 3.0, 1e-12);
    cr_expect_float_eq(p.base_sum_cmol_kg[0], 9.0, 1e-12);
    cr_expect_float_eq(p.exch_k_cmol_kg[0], 0.4, 1e-12);
    cr_expect_float_eq(p.extractable_p_mg_kg[0], 7.5, 1e-12);
    cr_expect(isnan(p.organic_p_mg_kg[0]), "null is unknown");
    cr_expect(isnan(p.extractable_p_mg_kg[1]), "absent is unknown");
    /* the method: a top-level string code */
    cr_assert_eq(agro_soil_load_json(ctx, json_file("\"source\": \"test\",", "\"source\": \"test\", \"p_method\": \"SA002\","), &p),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(p.p_method, 2);
    cr_assert_eq(agro_soil_load_json(ctx, json_file("\"source\": \"test\",", "\"source\": \"test\", \"p_method\": null,"), &p),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(p.p_method, 0);
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"source\": \"test\",", "\"source\": \"test\", \"p_method\": \"SA016\","), &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "t.json:4: p_method: P extraction method must be a code SA001..SA015 (\"SA016\")"),
              "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"source\": \"test\",", "\"source\": \"test\", \"p_method\": 2,"), &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "t.json:4: p_method: expected a string"), "%s", msg());
    /* out-of-range layer values name the JSON path */
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null}", "\"ksat_cm_h\": null, \"extractable_p_mg_kg\": 6000}"), &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "t.json:10: layers[0].extractable_p_mg_kg: value 6000 outside [0, 5000]"),
              "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null}", "\"ksat_cm_h\": null, \"caco3_g_kg\": -1}"), &p),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "layers[0].caco3_g_kg"), "%s", msg());
    cr_expect_eq(agro_soil_load_json(ctx, json_file("\"ksat_cm_h\": null}", "\"ksat_cm_h\": null, \"organic_p_mg_kg\": \"x\"}"), &p),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "layers[0].organic_p_mg_kg: expected a number"), "%s", msg());
}
