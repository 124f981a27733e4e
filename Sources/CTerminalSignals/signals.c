#include "CTerminalSignals.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal = 0;
static volatile sig_atomic_t suspend_request = 0;
static volatile sig_atomic_t continued = 0;

int cd_stop_signal(void) { return (int)stop_signal; }
void cd_set_stop_signal(int sig) { stop_signal = (sig_atomic_t)sig; }

int cd_take_suspend_request(void) {
    int value = (int)suspend_request;
    suspend_request = 0;
    return value;
}
void cd_set_suspend_request(void) { suspend_request = 1; }

int cd_take_continued(void) {
    int value = (int)continued;
    continued = 0;
    return value;
}
void cd_set_continued(void) { continued = 1; }

#define CD_CLEANUP_MAX 16
#define CD_PATH_MAX 4096
static char cleanup_paths[CD_CLEANUP_MAX][CD_PATH_MAX];
static int cleanup_is_folder[CD_CLEANUP_MAX];
static volatile sig_atomic_t cleanup_count = 0;

int cd_add_cleanup_path(const char *path, int isFolder) {
    int index = (int)cleanup_count;
    size_t length = strlen(path);
    if (index >= CD_CLEANUP_MAX || length >= CD_PATH_MAX) return 0;
    memcpy(cleanup_paths[index], path, length + 1);
    cleanup_is_folder[index] = isFolder;
    cleanup_count = index + 1;
    return 1;
}

void cd_clear_cleanup_paths(void) { cleanup_count = 0; }

void cd_run_cleanup(void) {
    int count = (int)cleanup_count;
    for (int i = 0; i < count; i++) {
        if (cleanup_is_folder[i]) rmdir(cleanup_paths[i]); else unlink(cleanup_paths[i]);
    }
}
