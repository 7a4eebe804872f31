#include <stdio.h>
int main(void) { puts("binprime"); return 0; }
