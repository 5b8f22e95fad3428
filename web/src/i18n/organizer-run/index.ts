import { addCatalogue } from '../index.svelte';
import en from './en.json';
import vi from './vi.json';

/** The console's catalogue for running a contest (screening, judging, results, public vote). */
addCatalogue({ vi, en });
