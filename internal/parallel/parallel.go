// Package parallel runs loops on several goroutines.
package parallel

import "sync"

// For calls fn(i) for every i in [0, n) on up to workers goroutines (at
// least one), and returns when all calls have returned. Calls run in no
// particular order; fn must be safe for concurrent use.
func For(n, workers int, fn func(i int)) {
	workers = max(1, min(workers, n))
	next := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
