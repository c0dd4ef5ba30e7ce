// dist/vendor/inquirer.cjs: only the prompts src/ui/prompts.ts imports (the package's other
// prompts and their dependencies stay out of the bundle). Add a name here when that file does.
export { confirm, password, search, select, Separator } from '@inquirer/prompts';
