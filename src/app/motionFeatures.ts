// Animation features for LazyMotion, loaded after first paint to keep the initial bundle small.
import { domAnimation } from 'framer-motion';

export default domAnimation;
