# Build entry points for `sam build` (BuildMethod: makefile) and for developers.
#
# Each function ships its own artifact: its jar and the runtime jars it uses, which its module
# collects into functions/package/target/lambda/<LogicalId>/lib (see functions/pom.xml; the Lambda
# Java runtime puts lib/*.jar on the classpath). One Maven run builds them all: the first
# build-<LogicalId> target builds the jars, the others find the stamp newer than every source and
# only copy.

# Adding a function: append its template logical id here, and name it in its module's lambda.function.
FUNCTIONS := NodeRegistryFunction DeploymentTriggerFunction RolloutStepsFunction AlarmGuardFunction ResyncFunction

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := package

# SAM runs make from its own working directory, so every path is anchored at this Makefile.
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
LAMBDA_DIR := $(ROOT)/functions/package/target/lambda
LIB_STAMP := $(ROOT)/functions/package/target/lambda/.built
# Maven needs JDK >= 21; the default java on these machines is 17, so pick one first.
MVN := . $(ROOT)/local/bin/java-env.sh && mvn -B --no-transfer-progress -f $(ROOT)/pom.xml

# What the jars are built from: every POM and main source/resource file of any module.
SOURCES := $(shell find $(ROOT) \( -name target -o -name .aws-sam -o -name .git -o -name node_modules -o -name "*venv*" \) -prune \
	-o -type f \( -name pom.xml -o -path '*/src/main/*' -o -path '*/.mvn/*' \) -print)

.PHONY: package clean $(FUNCTIONS:%=build-%)

# package: build every function's Lambda jars (functions/package/target/lambda/*/lib) if any source changed
package: $(LIB_STAMP)

# Tests are skipped here: they need the local emulator and run in scripts/test, before any build.
# The lib dirs are emptied first so that a dependency removed from a POM leaves no stale jar behind.
$(LIB_STAMP): $(SOURCES)
	rm -rf $(LAMBDA_DIR)
	$(MVN) -q -DskipTests -pl functions/package -am package
	touch $@

# SAM sets ARTIFACTS_DIR to .aws-sam/build/<LogicalId>.
$(FUNCTIONS:%=build-%): build-%: $(LIB_STAMP)
	test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run this target through sam build" >&2; exit 1; }
	test -d "$(LAMBDA_DIR)/$*/lib" || { echo "no module builds $*: set lambda.function in its pom.xml" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(LAMBDA_DIR)/$*/lib/*.jar "$(ARTIFACTS_DIR)/lib/"

# clean: remove Maven and SAM build output
clean:
	$(MVN) -q clean
	rm -rf $(ROOT)/.aws-sam
