/* A program outside the agrosim tree: prints the library version and a soil profile summary.
 * Built by both consumer projects (cmake/ with find_package, pkgconfig/ with pkg-config). */
#include <stdio.h>

#include <agrosim/agrosim.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOIL.json\n", argv[0]);
        return 2;
    }
    printf("agrosim %s\n", agro_version());
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return 1;
    agro_soil_profile p;
    char id[AGRO_SOIL_ID_MAX];
    int rc = agro_soil_load_json(ctx, argv[1], &p);
    if (!rc)
        rc = agro_soil_json_id(ctx, argv[1], id, sizeof id);
    if (rc) {
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        agro_ctx_free(ctx);
        return 1;
    }
    printf("%s %d layers, bottom %g cm, struct %zu bytes\n", id, (int)p.n_layers,
           p.depth_cm[p.n_layers - 1], agro_sizeof_soil_profile());
    agro_ctx_free(ctx);
    return agro_sizeof_soil_profile() == sizeof p ? 0 : 1;
}
