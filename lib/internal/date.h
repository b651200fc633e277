/* Private to the library: the shape of dates written as text. */
#ifndef AGROSIM_INTERNAL_DATE_H
#define AGROSIM_INTERNAL_DATE_H

/* 1 if @p s has exactly the shape of @p pattern, where '9' stands for one ASCII digit and any
 * other character for itself ("9999-99-99" an ISO date, "--99-99" a yearly day); else 0.
 * sscanf's %d alone also takes a sign or blanks ("2001-+1-01", " 201-01-01"). */
int agro_text_has_shape(const char *s, const char *pattern);

#endif
