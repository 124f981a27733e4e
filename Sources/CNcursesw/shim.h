// What Swift cannot import from ncursesw directly: macros, globals and variadics,
// wrapped in small inline functions.
#ifndef CONSENTDESK_NCURSES_SHIM_H
#define CONSENTDESK_NCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

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
#endif
