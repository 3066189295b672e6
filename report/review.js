"use strict";
// Clicking a conflict marks its statements and scrolls every article to
// its first one, each article in its own scroll box.
document.addEventListener("click", function (e) {
  var pick = e.target.closest("button.pick");
  if (!pick) return;
  var section = pick.closest("section.cluster");
  var k = pick.getAttribute("data-conflict");
  section.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  pick.closest("li.conflict").classList.add("active");
  var articles = section.querySelector(".articles");
  var box = articles.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight / 3) {
    window.scrollBy(0, box.top);
  }
  var across = false; // the row of articles scrolled sideways to the first that states it
  section.querySelectorAll("article.doc").forEach(function (a) {
    var marks = a.querySelectorAll('mark[data-k~="' + k + '"]');
    marks.forEach(function (m) { m.classList.add("active"); });
    if (marks.length === 0) return;
    var text = a.querySelector(".text");
    var m = marks[0];
    text.scrollTop = Math.max(0, m.offsetTop - (text.clientHeight - m.offsetHeight) / 2);
    if (!across) {
      across = true;
      var left = a.offsetLeft - articles.offsetLeft;
      if (left < articles.scrollLeft || left + a.offsetWidth > articles.scrollLeft + articles.clientWidth) {
        articles.scrollLeft = left;
      }
    }
  });
});
