/* A program for the arm64 specs, compiled with aarch64-linux-gnu-gcc -static: prints its
   architecture and each argument in brackets, then exits 7, so argv and the exit status are checked. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello from aarch64\n");
    for (int i = 1; i < argc; i++)
        printf("[%s]\n", argv[i]);
    return 7;
}
