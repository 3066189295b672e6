package report

import "fmt"

func ExampleEscapeMarkdown() {
	fmt.Println(EscapeMarkdown("Minister | <b>\"We *will* stay\"</b>\nsays aide"))
	fmt.Println(EscapeMarkdown("1. Not a list"))
	// Output:
	// Minister \| &lt;b&gt;"We \*will\* stay"&lt;/b&gt; says aide
	// 1\. Not a list
}
