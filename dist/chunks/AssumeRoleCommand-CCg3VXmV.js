import{c as s,A as a,_ as e,a as c}from"./exchanges-answer-check-Clh3gx39.js";class o extends(s(c,e,"AssumeRole",a)){}export{o as A};
