/* main.c: praxis starts here; everything else is in cli/. */
#include "praxis/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
