/*
 * The JSON parameter layer: load a file with libcjson, walk it with JSON paths, and validate
 * keys, types and ranges. Every failure names the file, the line and the JSON path
 * ("fields[1].management[3].date"). Models never see cJSON: loaders fill plain structs.
 */
#ifndef AGROSIM_INTERNAL_JSON_H
#define AGROSIM_INTERNAL_JSON_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "agrosim/core.h"

typedef struct agro_json_file {
    const char *path; /* file name used in messages (not owned) */
    char *text;       /* whole text, owned */
    cJSON *root;      /* parsed tree, owned */
} agro_json_file;

/* A node of a file together with its JSON path, for messages. */
typedef struct agro_json_node {
    const agro_json_file *file;
    const cJSON *item;
    char jpath[256];
} agro_json_node;

/* Read and parse @p path. Syntax errors report line and column. */
int agro_json_open(agro_ctx *ctx, const char *path, agro_json_file *f);
/* Parse an in-memory text; @p name is used in messages. */
int agro_json_open_text(agro_ctx *ctx, const char *name, const char *text, agro_json_file *f);
void agro_json_close(agro_json_file *f);

/* Line (1-based) where the value at @p jpath starts, or 0 if not found. */
long agro_json_line(const agro_json_file *f, const char *jpath);

/* The root node; it must be an object. */
int agro_json_root(agro_ctx *ctx, const agro_json_file *f, agro_json_node *out);
/* Child of an object by key. Missing: AGRO_EMISSING if required, else 1 (and out->item NULL). */
int agro_json_get(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                  agro_json_node *out);
/* Element @p i of an array node. */
int agro_json_at(const agro_json_node *arr, int i, agro_json_node *out);
/* Number of elements of an array node (AGRO_EFORMAT via ctx if not an array). */
int agro_json_array_size(agro_ctx *ctx, const agro_json_node *arr, int *n);

/* Reject keys of @p obj that are not in @p allowed, or given twice (AGRO_EKEY naming the key). */
int agro_json_check_keys(agro_ctx *ctx, const agro_json_node *obj, const char *const *allowed,
                         size_t n_allowed);
/* Reject a key of object @p obj given twice (AGRO_EKEY naming it): lookups find the first value,
 * so the other would be ignored without a word. */
int agro_json_check_unique(agro_ctx *ctx, const agro_json_node *obj);

/* Typed accessors. When the key is absent and !required, *out = def and 0 is returned. */
int agro_json_number(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                     double def, double min, double max, double *out);
int agro_json_int(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                  int def, int min, int max, int *out);
int agro_json_string(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                     const char *def, char *buf, size_t n);
/* The "source" of a block of values (house rule: a parameter file says where each value comes
 * from): a string of any length that holds some text. Absent when @p required is AGRO_EMISSING;
 * empty or only white space AGRO_EMISSING; another type AGRO_EFORMAT; each names the file, the
 * line and the key. */
int agro_json_source(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required);
/* An optional free-text key (a note, a description): absent is fine, any other type than a
 * string is AGRO_EFORMAT naming the file, line and key. */
int agro_json_text(agro_ctx *ctx, const agro_json_node *obj, const char *key);
/* A numeric array of exactly @p n values (n > 0) each in [min, max]. */
int agro_json_number_array(agro_ctx *ctx, const agro_json_node *obj, const char *key,
                           int required, double min, double max, double *out, size_t n);
/* Fail with a message naming the node (file:line: jpath: text). */
int agro_json_fail(agro_ctx *ctx, const agro_json_node *node, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Read a whole text file into a NUL-terminated malloc'd buffer (AGRO_ELIMIT above 1 GiB). A file
 * holding a NUL byte is refused (AGRO_EFORMAT naming its line and column): text readers split
 * lines with string functions, which would silently drop or cut what follows a NUL.
 */
int agro_read_file(agro_ctx *ctx, const char *path, char **text, size_t *len);

#endif
