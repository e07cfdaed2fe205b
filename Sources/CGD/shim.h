// libgd (Debian libgd-dev): draws the login captcha as a PNG.
#include <gd.h>
#include <gdfontg.h>
