#!/usr/bin/env node
// the bundled command (npm run build: tsc, then cli/scripts/bundle.mjs)
import "../bundle/main.js";
