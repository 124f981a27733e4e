// What Swift cannot import from ncursesw directly: macros, globals and variadics,
// wrapped in small inline functions.
#ifndef CONSENTDESK_NCURSES_SHIM_H
#define CONSENTDESK_NCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

#include <stdio.h>
#include <unistd.h>
// terminfo without curses (setupterm, cur_term): last, as it defines a macro per capability.
#include <ncursesw/term.h>

// No state lives here: a `static` variable in this header would be a separate copy in every
// file that includes it (the signal flags live in CTerminalSignals, defined once).

/* Whether curses can draw on terminal type `term`, asked of terminfo without starting
   curses (so ncurses neither prints nor exits): 0 it can; 1 the type is unknown (or there
   is no terminfo database); 2 the type is known but cannot place the cursor (dumb, hardcopy). */
static inline int cd_check_terminal(const char *term) {
    int error = 0;
    if (setupterm((char *)term, STDOUT_FILENO, &error) != OK) return 1;
    char *cup = tigetstr("cup");
    int hardcopy = tigetflag("hc");
    int cannot = cup == NULL || cup == (char *)-1 || hardcopy > 0;
    del_curterm(cur_term);
    return cannot ? 2 : 0;
}
/* Curses on standard input and output: NULL (never an exit) when the terminal cannot be used. */
static inline SCREEN *cd_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int cd_clear_on_next_refresh(void) { return clearok(curscr, TRUE); }

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
