# The README's two commands: `make run` builds and starts the OMC on the stock plugins.yaml,
# `make test` runs the whole test suite. Both first install the Debian packages the build links
# against (scripts/system-packages.txt) when they are missing, then call SwiftPM.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)

.PHONY: run test system-packages

run: system-packages
	$(SWIFT) run omc serve

test: system-packages
	$(SWIFT) test

system-packages:
	@scripts/install-system-packages.sh
