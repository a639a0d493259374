/* The demo that `make run` debugs: reads a file into a global buffer,
 * counts its words and letters in a loop, and prints a checksum. Try:
 *   db demo_buffer        (after `g` stops... or before: it is all zeros)
 *   bp count_words; g     (once breakpoints exist)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char demo_buffer[256];
unsigned demo_letters[26];

static size_t load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t n = fread(demo_buffer, 1, sizeof demo_buffer - 1, f);
    fclose(f);
    return n;
}

int count_words(const char *text)
{
    int words = 0, in_word = 0;
    for (const char *p = text; *p; p++) {
        if (isalpha((unsigned char)*p)) {
            demo_letters[tolower((unsigned char)*p) - 'a']++;
            if (!in_word)
                words++;
            in_word = 1;
        } else {
            in_word = 0;
        }
    }
    return words;
}

unsigned checksum(const char *text, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = sum * 31 + (unsigned char)text[i];
    return sum;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "demo-input.txt";
    size_t n = load(path);
    int words = count_words(demo_buffer);
    printf("%s: %zu bytes, %d words, checksum %08x\n", path, n, words, checksum(demo_buffer, n));
    printf("most common letter: ");
    int best = 0;
    for (int i = 1; i < 26; i++)
        if (demo_letters[i] > demo_letters[best])
            best = i;
    printf("%c (%u times)\n", 'a' + best, demo_letters[best]);
    return 0;
}
