#!/usr/bin/env node
// The `svf` command. The program itself is compiled from cli/ into out/cli/ by `npm run build`.
import { main } from '../out/cli/main.js';

process.exitCode = await main(process.argv);
