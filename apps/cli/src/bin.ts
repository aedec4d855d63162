#!/usr/bin/env node
import { main } from "./program.js";
import { exitQuietlyWhenOutputCloses } from "./stdio.js";

exitQuietlyWhenOutputCloses();
process.exitCode = await main(process.argv.slice(2));
