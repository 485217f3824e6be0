import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { MotionGlobalConfig } from 'framer-motion';

// Animations never finish in jsdom; skip them so tests see end states at once.
MotionGlobalConfig.skipAnimations = true;
afterEach(cleanup);
