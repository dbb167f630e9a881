import { cleanUp } from './post-step.js'

await cleanUp()
