import{c as s,ai as a,_ as e,a as c}from"./exchanges-answer-check-CQJdx2Pa.js";class o extends(s(c,e,"AssumeRole",a)){}export{o as A};
