// Vitest setup file (see vitest.config.ts): runs in every test file.
import { afterAll, afterEach } from 'vitest';
import { cleanupFileDirs, cleanupTestDirs } from './temp-home.js';

afterEach(cleanupTestDirs);
afterAll(cleanupFileDirs);
