package cli

// API CONTRACT (skeleton): replaced by the helper that owns 'eval'.

func runEval(args []string, env *Env) int {
	return usageError(env, "eval: not implemented yet")
}
