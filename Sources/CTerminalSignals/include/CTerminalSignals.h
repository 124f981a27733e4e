// The signals the app acts on, noted by their handlers and read by the loop. The variables
// are defined once, in signals.c: a `static` in a header would give every file that includes
// it its own copy, and a handler would set a flag the loop never reads.
#ifndef CONSENTDESK_TERMINAL_SIGNALS_H
#define CONSENTDESK_TERMINAL_SIGNALS_H

/// The first stop signal received (SIGTERM, SIGINT, SIGHUP, SIGQUIT), 0 for none.
int cd_stop_signal(void);
/// Notes `sig` as the stop signal (from a handler).
void cd_set_stop_signal(int sig);
/// Whether SIGTSTP arrived (the app should suspend); reading it clears it.
int cd_take_suspend_request(void);
void cd_set_suspend_request(void);
/// Whether SIGCONT arrived (the screen must be drawn whole again); reading it clears it.
int cd_take_continued(void);
void cd_set_continued(void);

/// Paths a second stop signal removes before the process ends at once (a demo store's
/// files, then its folders, deepest first): removed with unlink and rmdir only, which a
/// signal handler may call. At most 16 paths, each under 4096 bytes; 0 when taken.
int cd_add_cleanup_path(const char *path, int isFolder);
void cd_clear_cleanup_paths(void);
/// Removes the registered paths (async-signal-safe).
void cd_run_cleanup(void);

#endif
