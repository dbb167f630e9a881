import { cleanUp } from './post-step.js'

cleanUp()
