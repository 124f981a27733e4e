// What Swift cannot import from ncursesw directly: macros, globals and variadics,
// wrapped in small inline functions.
#ifndef CONSENTDESK_NCURSES_SHIM_H
#define CONSENTDESK_NCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

#include <signal.h>

// The first stop signal (SIGTERM, SIGINT, SIGHUP) the process received, 0 for none: a
// volatile sig_atomic_t, the one kind of variable a signal handler may set.
static volatile sig_atomic_t cd_stop_signal_received = 0;
static inline int cd_stop_signal(void) { return (int)cd_stop_signal_received; }
static inline void cd_set_stop_signal(int sig) { cd_stop_signal_received = (sig_atomic_t)sig; }

static inline int cd_lines(void) { return LINES; }
static inline int cd_cols(void) { return COLS; }
static inline WINDOW *cd_stdscr(void) { return stdscr; }
static inline int cd_color_pair(short n) { return (int)COLOR_PAIR(n); }
static inline int cd_a_bold(void) { return (int)A_BOLD; }
static inline int cd_a_reverse(void) { return (int)A_REVERSE; }
static inline int cd_a_dim(void) { return (int)A_DIM; }
static inline int cd_a_underline(void) { return (int)A_UNDERLINE; }
static inline int cd_a_normal(void) { return (int)A_NORMAL; }
static inline int cd_attrset(int attrs) { return attrset(attrs); }
static inline int cd_mvaddstr(int y, int x, const char *text) { return mvaddstr(y, x, text); }
static inline int cd_move(int y, int x) { return move(y, x); }
static inline int cd_get_wch(wint_t *out) { return get_wch(out); }
static inline int cd_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cd_timeout(int ms) { timeout(ms); return 0; }
static inline int cd_keypad(void) { return keypad(stdscr, TRUE); }
static inline int cd_erase(void) { return erase(); }
static inline int cd_refresh(void) { return refresh(); }
// Mouse: clicks, double clicks and the wheel (buttons 4 and 5), where the terminal reports them.
static inline int cd_key_mouse(void) { return KEY_MOUSE; }
static inline int cd_mouse_on(void) {
    mmask_t wanted = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    mmask_t old = 0;
    return mousemask(wanted, &old) != 0;
}
/* kind: 1 click, 2 double click, 3 wheel up, 4 wheel down; 0 when none of these. */
static inline int cd_get_mouse(int *kind, int *x, int *y) {
    MEVENT event;
    *kind = 0;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) *kind = 2;
    else if (event.bstate & BUTTON1_CLICKED) *kind = 1;
    else if (event.bstate & BUTTON4_PRESSED) *kind = 3;
#ifdef BUTTON5_PRESSED
    else if (event.bstate & BUTTON5_PRESSED) *kind = 4;
#endif
    return *kind != 0;
}
#endif
