/* Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed): the tool stops cleanly. The handler
 * only records the signal and asks the library to stop (agro_ctx_cancel on the context a command
 * watches: a store into an atomic flag, async-signal-safe); the library's long calls then return
 * AGRO_ECANCELED at their next cancel point (between runs, treatments, years, every 4096 lines of a
 * weather file), the command frees its writers, which removes their temporary files
 * `<target>.partial-<pid>-<k>` and leaves the old targets, and main() ends the process by the
 * same signal with its default action, so that the shell sees 130 (SIGINT), 143 (SIGTERM) or 129
 * (SIGHUP) and a script that ran the tool stops too. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#include "commands.h"

/* the first signal caught, 0 until then */
static volatile sig_atomic_t caught;
/* the context the running command's long calls use, NULL when none */
static _Atomic(agro_ctx *) watched;
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the handler reads a lock-free atomic pointer");

static void on_signal(int sig)
{
    if (!caught)
        caught = sig;
    agro_ctx *ctx = atomic_load(&watched);
    if (ctx)
        agro_ctx_cancel(ctx);
}

void cli_signals_install(void)
{
    /* the library's function bound now, not by the dynamic linker's lazy binding inside the
       handler (a no-op for NULL) */
    agro_ctx_cancel(NULL);
    static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    for (int k = 0; k < 3; k++) {
        struct sigaction old;
        /* a signal ignored by whoever started the tool (nohup, a background job of a script)
           stays ignored, as the shell asked */
        if (sigaction(sigs[k], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGINT);
        sigaddset(&sa.sa_mask, SIGTERM);
        sigaddset(&sa.sa_mask, SIGHUP);
        /* SA_RESETHAND: a second Ctrl-C ends the tool at once, should the clean stop hang
           (opening a FIFO that has no reader); no SA_RESTART, so that a blocking system call
           (such an open, a read of a pipe) returns with EINTR and the command gives up */
        sa.sa_flags = (int)SA_RESETHAND;
        sigaction(sigs[k], &sa, NULL);
    }
}

void cli_signals_watch(agro_ctx *ctx)
{
    atomic_store(&watched, ctx);
    if (ctx && caught) /* a signal before the context existed */
        agro_ctx_cancel(ctx);
}

int cli_interrupted(void)
{
    return caught != 0;
}

void cli_signals_finish(void)
{
    const int sig = caught;
    if (!sig)
        return;
    atomic_store(&watched, NULL);
    /* what the command printed, then the signal's default action: the process ends as killed
       by it (the shell's $? is 128 + sig), which a caller's wait() tells apart from exit(130) */
    fflush(stdout);
    fflush(stderr);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: the default action of the three signals ends the process */
}
