import { cleanUp } from './post/clean-up.js'

await cleanUp(process.env)
