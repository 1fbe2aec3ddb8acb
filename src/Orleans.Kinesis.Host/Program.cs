// Composition root; filled in by the foundation work.
return 0;
