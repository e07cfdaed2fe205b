# The README's two commands: `make run` builds and starts the OMC on the stock plugins.yaml,
# `make test` runs the whole test suite. Both first install the Debian packages the build links
# against (scripts/system-packages.txt) when they are missing, then call SwiftPM; `make test` also
# installs the pinned Python test tools (scripts/python-test-tools.txt) when they are missing.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)

.PHONY: run test system-packages python-test-tools

run: system-packages
	$(SWIFT) run omc serve

test: system-packages python-test-tools
	$(SWIFT) test

system-packages:
	@scripts/install-system-packages.sh

python-test-tools: system-packages
	@scripts/install-python-test-tools.sh
